using System.Runtime.CompilerServices;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// The sums a resample's primary metric is made of, for both models. W is the row count (for MAPE: rows
/// whose true value is not 0); A and B are the champion's and challenger's sums of |e| (MAE), e² (RMSE, R²)
/// or |e|/|y| (MAPE); for R², Y and YY are the sums of y - mean(y) and of its square (centred for accuracy).
/// </summary>
internal readonly record struct ResampleSums(double W, double A, double B, double Y, double YY)
{
    public static ResampleSums operator +(ResampleSums p, ResampleSums q) =>
        new(p.W + q.W, p.A + q.A, p.B + q.B, p.Y + q.Y, p.YY + q.YY);

    /// <summary>The improvement of B (challenger) over A (champion) on the metric these sums were built for.</summary>
    public double ImprovementPct(PrimaryMetric metric)
    {
        if (W == 0) // MAPE on a resample whose true values are all 0: both 0, as MetricsCalculator
            return 0;
        double champion, challenger;
        switch (metric)
        {
            case PrimaryMetric.Rmse:
                (champion, challenger) = (Math.Sqrt(A / W), Math.Sqrt(B / W));
                break;
            case PrimaryMetric.R2:
                var total = YY - Y * Y / W;
                // True values all equal (to rounding) in this resample: sklearn's constant-y_true rule.
                var constant = total <= 1e-12 * YY;
                champion = constant ? (A == 0 ? 1.0 : 0.0) : 1 - A / total;
                challenger = constant ? (B == 0 ? 1.0 : 0.0) : 1 - B / total;
                break;
            default:
                (champion, challenger) = (A / W, B / W);
                break;
        }
        return BootstrapImprovement.ImprovementPct(metric, champion, challenger);
    }
}

/// <summary>
/// Per-group sums for resampling whole equipment units: computed once in O(rows), after which a resample
/// costs O(groups) whatever the number of rows.
/// </summary>
internal static class BootstrapUnits
{
    public static ResampleSums[] Build(ReadOnlySpan<double> actual, ReadOnlySpan<double> champion, ReadOnlySpan<double> challenger,
        int[] groups, PrimaryMetric metric)
    {
        var map = new Dictionary<int, int>();
        var mean = 0.0;
        if (metric == PrimaryMetric.R2)
        {
            NeumaierSum total = default;
            foreach (var v in actual)
                total.Add(v);
            mean = total.Total / actual.Length;
        }

        var units = new List<ResampleSums>();
        for (var i = 0; i < actual.Length; i++)
        {
            if (!map.TryGetValue(groups[i], out var g))
            {
                map.Add(groups[i], g = units.Count);
                units.Add(default);
            }
            units[g] += Row(actual[i], champion[i] - actual[i], challenger[i] - actual[i], metric, mean);
        }
        return units.ToArray();
    }

    private static ResampleSums Row(double y, double ea, double eb, PrimaryMetric metric, double mean)
    {
        switch (metric)
        {
            case PrimaryMetric.Mae:
                return new(1, Math.Abs(ea), Math.Abs(eb), 0, 0);
            case PrimaryMetric.Rmse:
                return new(1, ea * ea, eb * eb, 0, 0);
            case PrimaryMetric.R2:
                var yc = y - mean;
                return new(1, ea * ea, eb * eb, yc, yc * yc);
            case PrimaryMetric.Mape when y == 0:
                return default;
            case PrimaryMetric.Mape:
                var scale = Math.Max(Math.Abs(y), MetricsCalculator.Epsilon);
                return new(1, Math.Abs(ea) / scale, Math.Abs(eb) / scale, 0, 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }
    }

    /// <summary>
    /// One resample: as many units as there are, drawn with replacement, in the same order of draws as
    /// <see cref="BootstrapRows.Resample"/> (so one group per row gives the row bootstrap's result).
    /// </summary>
    // Hot loop run thousands of times: compile it fully optimized at once rather than tiering up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ResampleSums Resample(ResampleSums[] units, ulong seed)
    {
        var rng = new WyRand(seed);
        var m = (uint)units.Length;
        ResampleSums sums = default;
        var k = 0u;
        for (; k + 1 < m; k += 2)
        {
            var (first, second) = rng.NextTwoBelow(m);
            sums += units[first];
            sums += units[second];
        }
        if (k < m)
            sums += units[rng.NextBelow(m)];
        return sums;
    }
}
