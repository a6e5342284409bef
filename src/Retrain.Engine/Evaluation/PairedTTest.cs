using MathNet.Numerics.Distributions;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// Paired two-sided t-test, as <c>scipy.stats.ttest_rel(a, b)</c>: t = mean(d) / sqrt(var(d, ddof=1) / n)
/// with d = a - b, p = 2·T(n-1).cdf(-|t|). Never returns NaN or infinity:
/// <list type="bullet">
/// <item>fewer than 2 pairs: statistic 0, p 1 (scipy: nan);</item>
/// <item>every difference 0 (identical samples): statistic 0, p 1 (scipy: nan);</item>
/// <item>every difference the same nonzero value: p 0 and statistic ±<see cref="double.MaxValue"/>,
/// the sign of the difference (scipy: ±inf, p 0), finite so reports and JSON stay valid.</item>
/// </list>
/// Those three carry a <see cref="PairedTTestResult.Note"/>.
/// </summary>
public static class PairedTTest
{
    public static PairedTTestResult Test(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        EvaluationInput.SameLength(a.Length, "a", b.Length, "b");
        EvaluationInput.Finite(a, "a");
        EvaluationInput.Finite(b, "b");

        var n = a.Length;
        var df = Math.Max(n - 1, 0);
        if (n < 2)
            return new PairedTTestResult(0, 1, df, $"Fewer than 2 paired rows ({n}): no test, p = 1.");

        NeumaierSum sum = default;
        var first = a[0] - b[0];
        var constant = true;
        for (var i = 0; i < n; i++)
        {
            var d = a[i] - b[i];
            sum.Add(d);
            constant &= d == first;
        }

        if (constant)
        {
            if (first == 0)
                return new PairedTTestResult(0, 1, df, "The samples are identical (every difference is 0): t = 0, p = 1.");
            return new PairedTTestResult(Math.CopySign(double.MaxValue, first), 0, df,
                FormattableString.Invariant($"Every difference is {first:G6}: the t statistic is unbounded (reported as ±double.MaxValue), p = 0."));
        }

        var mean = sum.Total / n;
        NeumaierSum ss = default;
        for (var i = 0; i < n; i++)
        {
            var d = a[i] - b[i] - mean;
            ss.Add(d * d);
        }

        var variance = ss.Total / (n - 1);
        var t = mean / Math.Sqrt(variance / n);
        if (!double.IsFinite(t)) // differences equal to within rounding: the same rule as exactly constant ones
            return new PairedTTestResult(Math.CopySign(double.MaxValue, mean), 0, df,
                "The differences have no measurable variance: the t statistic is unbounded (reported as ±double.MaxValue), p = 0.");

        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new PairedTTestResult(t, Math.Min(p, 1.0), df, null);
    }
}
