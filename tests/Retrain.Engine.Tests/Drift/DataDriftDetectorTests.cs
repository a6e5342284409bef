using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Tests.Drift;

public class DataDriftDetectorTests
{
    private static Dataset Make(string source, int rows, Func<int, double> a, Func<int, double> b) =>
        new(source, new[] { "a", "b" }, new[] { Enumerable.Range(0, rows).Select(a).ToArray(), Enumerable.Range(0, rows).Select(b).ToArray() });

    private static double BruteForceD(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double[] sx = x.Order().ToArray(), sy = y.Order().ToArray();
        double d = 0;
        int i = 0, j = 0;
        while (i < sx.Length || j < sy.Length)
        {
            double t = j >= sy.Length || (i < sx.Length && sx[i] <= sy[j]) ? sx[i] : sy[j];
            while (i < sx.Length && sx[i] <= t) i++;
            while (j < sy.Length && sy[j] <= t) j++;
            d = Math.Max(d, Math.Abs((double)i / sx.Length - (double)j / sy.Length));
        }
        return d;
    }

    private static double Noise(int i, int salt) => ((i * 7919L + salt * 104729L) % 1000) / 1000.0;

    [Fact]
    public void AShiftedFeatureDriftsAndTheOtherDoesNot()
    {
        var reference = Make("ref", 3000, i => Noise(i, 1), i => Noise(i, 2));
        var current = Make("cur", 2000, i => Noise(i, 3) + 0.3, i => Noise(i, 4));
        var report = new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, current, new[] { "a", "b" });
        Assert.Equal(DriftStatus.Ok, report.Status);
        Assert.True(report.DriftDetected);
        Assert.Equal(DriftType.Data, report.DriftType);
        Assert.Equal(new[] { "a" }, report.AffectedFeatures);
        // D and the score against a brute-force ECDF difference computed here, not against the report's own fields.
        double d = BruteForceD(reference.Column("a"), current.Column("a"));
        Assert.Equal(d, report.Features[0].Statistic, 1e-12);
        Assert.Equal(d, report.DriftScore, 1e-12);
        Assert.True(report.Features[1].Statistic < 0.05, $"D(b) {report.Features[1].Statistic}");
        Assert.False(report.Features[1].Drifted);
        Assert.Contains("1 of 2 features (a;", report.Recommendation);
    }

    [Fact]
    public void FewerRowsThanMinSamplesIsInsufficientDataNotDrift()
    {
        var reference = Make("ref", 5000, i => i, i => i);
        var current = Make("cur", 999, i => i + 1e6, i => i);
        var report = new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, current, new[] { "a", "b" });
        Assert.Equal(DriftStatus.InsufficientData, report.Status);
        Assert.False(report.DriftDetected);
        Assert.Equal(DriftType.None, report.DriftType);
        Assert.Empty(report.Features);
        Assert.Contains("current window has 999 rows", report.Recommendation);
        Assert.Contains("min_samples (1000)", report.Recommendation);
    }

    [Fact]
    public void ASignificantButSmallDifferenceIsNotDriftUnlessMinStatisticIsZero()
    {
        // 0.04 shift of a uniform(0,1): KS statistic ≈ 0.04 < 0.1, but with 60k rows p is tiny.
        var reference = Make("ref", 60000, i => Noise(i, 5), i => Noise(i, 6));
        var current = Make("cur", 60000, i => Noise(i, 7) + 0.04, i => Noise(i, 8));
        var strict = new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, current, new[] { "a" });
        Assert.False(strict.DriftDetected);
        Assert.True(strict.Features[0].AdjustedPValue < 1e-10);
        Assert.Contains("min_statistic", strict.Recommendation);

        var pure = new DataDriftDetector(new DriftDetectionOptions { MinStatistic = 0 }).Detect(reference, current, new[] { "a" });
        Assert.True(pure.DriftDetected);
    }

    [Fact]
    public void AStatisticEqualToMinStatisticIsDrift()
    {
        // 1024 rows 0..1023 against the same shifted by 103: the ECDFs differ by exactly 103/1024 from 103 to 1023,
        // a D that is exact in binary, with p well below 0.05. min_statistic is a lower bound that D may equal.
        const double d = 103.0 / 1024;
        var reference = Make("ref", 1024, i => i, i => i);
        var current = Make("cur", 1024, i => i + 103, i => i);
        var atBoundary = new DataDriftDetector(new DriftDetectionOptions { MinStatistic = d }).Detect(reference, current, new[] { "a" });
        Assert.Equal(d, atBoundary.Features[0].Statistic);
        Assert.True(atBoundary.Features[0].AdjustedPValue < 0.05, $"p = {atBoundary.Features[0].AdjustedPValue}");
        Assert.True(atBoundary.Features[0].Drifted);
        Assert.Equal(new[] { "a" }, atBoundary.AffectedFeatures);

        var above = new DataDriftDetector(new DriftDetectionOptions { MinStatistic = Math.BitIncrement(d) }).Detect(reference, current, new[] { "a" });
        Assert.False(above.Features[0].Drifted);
    }

    [Fact]
    public void ProgressReportsEveryFeatureWithTheMethodUsed()
    {
        var reference = Make("ref", 1500, i => Noise(i, 1), i => Noise(i, 2));
        var messages = new List<EngineProgress>();
        var progress = new SynchronousProgress(messages);
        new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, reference, new[] { "a", "b" }, progress);
        var perFeature = messages.Where(m => m.Verbose is not null).ToList();
        Assert.Equal(2, perFeature.Count);
        Assert.All(perFeature, m => Assert.Contains("exact KS", m.Verbose));
        Assert.Contains(messages, m => m.PercentComplete == 100);
        // No group column was given: the row-level rule decides, and the user is told rows are assumed independent.
        Assert.Single(messages, m => m.Warning is { } w && w.Contains("rows are independent"));
    }

    private sealed class SynchronousProgress(List<EngineProgress> sink) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            lock (sink)
                sink.Add(value);
        }
    }
}
