using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// The challenger's relative improvement on the primary metric, and its bootstrap confidence interval.
/// </summary>
/// <remarks>
/// CI method: percentile bootstrap. Each of <c>resamples</c> resamples draws, with replacement, as many
/// units as there are (rows, or whole equipment units when <c>groups</c> is given: all rows of a drawn unit
/// come along), recomputes both models' primary metric on it and the improvement; the interval is the
/// (1-level)/2 and 1-(1-level)/2 quantiles of those improvements, linearly interpolated (numpy's default
/// percentile). Deterministic for a seed: <see cref="System.Random"/>(seed) gives one seed per resample,
/// so the result does not depend on how the resamples are spread over threads.
/// </remarks>
public static class BootstrapImprovement
{
    /// <summary>
    /// Relative improvement of challenger over champion in percent (positive = challenger better):
    /// (champion - challenger) / champion × 100 for error metrics, (challenger - champion) / |champion| × 100 for R².
    /// When the champion's value is 0 and the challenger's differs, the improvement is unbounded and reported
    /// as ±<see cref="double.MaxValue"/> (finite, never NaN); equal values give 0.
    /// </summary>
    public static double ImprovementPct(PrimaryMetric metric, RegressionMetrics champion, RegressionMetrics challenger)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        return ImprovementPct(metric, champion.Get(metric), challenger.Get(metric));
    }

    internal static double ImprovementPct(PrimaryMetric metric, double champion, double challenger)
    {
        var gain = RegressionMetrics.LowerIsBetter(metric) ? champion - challenger : challenger - champion;
        if (gain == 0)
            return 0;
        var pct = gain / Math.Abs(champion) * 100;
        return double.IsFinite(pct) ? pct : Math.CopySign(double.MaxValue, gain);
    }

    /// <summary>Percentile bootstrap CI of <see cref="ImprovementPct(PrimaryMetric, RegressionMetrics, RegressionMetrics)"/>.</summary>
    public static ConfidenceInterval Interval(ReadOnlySpan<double> actual, ReadOnlySpan<double> champion, ReadOnlySpan<double> challenger,
        int[]? groups, PrimaryMetric metric, int resamples, int seed, double level = 0.95, CancellationToken cancellation = default)
    {
        EvaluationInput.NotEmpty(actual.Length, "actual");
        EvaluationInput.SameLength(actual.Length, "actual", champion.Length, "champion");
        EvaluationInput.SameLength(actual.Length, "actual", challenger.Length, "challenger");
        if (groups is not null)
            EvaluationInput.SameLength(actual.Length, "actual", groups.Length, "groups");
        EvaluationInput.Finite(actual, "actual");
        EvaluationInput.Finite(champion, "champion");
        EvaluationInput.Finite(challenger, "challenger");
        if (resamples < 1)
            throw EvaluationInput.Invalid("EvaluationInvalidResamples", $"resamples is {resamples}: at least 1 resample is needed.", "resamples");
        if (!(level > 0 && level < 1))
            throw EvaluationInput.Invalid("EvaluationInvalidLevel", $"level is {level}: a confidence level lies strictly between 0 and 1.", "level");

        var seeds = new ulong[resamples];
        var master = new Random(seed);
        for (var r = 0; r < resamples; r++)
            seeds[r] = (ulong)master.NextInt64();

        var improvements = new double[resamples];
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        if (groups is not null)
        {
            var units = BootstrapUnits.Build(actual, champion, challenger, groups, metric);
            Parallel.For(0, resamples, parallel, r => improvements[r] = BootstrapUnits.Resample(units, seeds[r]).ImprovementPct(metric));
        }
        else
        {
            var rows = BootstrapRows.Build(actual, champion, challenger, metric);
            Parallel.For(0, resamples, parallel, () => new byte[rows.Count],
                (r, _, counts) =>
                {
                    improvements[r] = rows.Resample(seeds[r], counts).ImprovementPct(metric);
                    return counts;
                },
                _ => { });
        }

        Array.Sort(improvements);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(Percentile(improvements, tail), Percentile(improvements, 1 - tail), level);
    }

    /// <summary>The q-quantile of sorted values, linear interpolation between closest ranks (numpy's default).</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var f = h - lo;
        if (sorted[lo] == sorted[hi] || f == 0)
            return sorted[lo];
        var v = sorted[lo] + (sorted[hi] - sorted[lo]) * f;
        return double.IsFinite(v) ? v : sorted[lo] * (1 - f) + sorted[hi] * f;
    }
}
