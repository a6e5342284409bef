namespace Retrain.Engine.Evaluation;

/// <summary>
/// Percentile bootstrap CI of a model's relative MAE increase between two windows, MAE(current) / MAE(reference) − 1,
/// resampling whole units: each resample draws, with replacement, as many units as each window has, from that window
/// alone (the windows are independent samples of engines), and recomputes both MAEs as Σ|e| / Σ rows over the drawn
/// units. Quantiles as <see cref="BootstrapImprovement"/> (numpy's linear percentile); deterministic for a seed,
/// whatever the threads.
/// </summary>
public static class MaeRatioBootstrap
{
    public static ConfidenceInterval Interval(IReadOnlyList<UnitErrorTotal> reference, IReadOnlyList<UnitErrorTotal> current,
        int resamples, int seed, double level = 0.95, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        EvaluationInput.NotEmpty(reference.Count, "reference units");
        EvaluationInput.NotEmpty(current.Count, "current units");
        if (resamples < 1)
            throw EvaluationInput.Invalid("EvaluationInvalidResamples", $"resamples is {resamples}: at least 1 resample is needed.", "resamples");
        if (!(level > 0 && level < 1))
            throw EvaluationInput.Invalid("EvaluationInvalidLevel", $"level is {level}: a confidence level lies strictly between 0 and 1.", "level");

        var (a, b) = (reference.ToArray(), current.ToArray());
        var seeds = new ulong[resamples];
        var master = new Random(seed);
        for (var r = 0; r < resamples; r++)
            seeds[r] = (ulong)master.NextInt64();

        var ratios = new double[resamples];
        Parallel.For(0, resamples, new ParallelOptions { CancellationToken = cancellation }, r =>
        {
            var rng = new WyRand(seeds[r]);
            var referenceMae = Draw(a, ref rng);
            var currentMae = Draw(b, ref rng);
            // A resample of perfectly predicted reference units: the ratio is unbounded, finite so reports stay valid.
            ratios[r] = referenceMae > 0 ? currentMae / referenceMae - 1 : currentMae > 0 ? double.MaxValue : 0;
        });

        Array.Sort(ratios);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(BootstrapImprovement.Percentile(ratios, tail), BootstrapImprovement.Percentile(ratios, 1 - tail), level);
    }

    private static double Draw(UnitErrorTotal[] units, ref WyRand rng)
    {
        var m = (uint)units.Length;
        double sum = 0;
        long rows = 0;
        for (var k = 0u; k < m; k++)
        {
            var u = units[rng.NextBelow(m)];
            sum += u.AbsoluteErrorSum;
            rows += u.Rows;
        }
        return rows == 0 ? 0 : sum / rows;
    }

}
