using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Tests.Drift;

public class WatchedFleetNullTests
{
    private static readonly string[] Features = { "a", "b" };

    /// <summary>20 engines over 30 days, one row a day each, in both windows; feature a shifted by <paramref name="shift"/> in the last 7 days.</summary>
    private static (Dataset Reference, Dataset Current, double[] Observed) Fleet(double shift, int seed = 7)
    {
        var random = new Random(seed);
        var level = Enumerable.Range(0, 20).Select(_ => random.NextDouble()).ToArray(); // each engine its own build
        var rows = (from day in Enumerable.Range(0, 30) from e in Enumerable.Range(0, 20) select (day, e)).ToArray();
        var unit = rows.Select(r => (double)(r.e + 1)).ToArray();
        var a = rows.Select(r => level[r.e] + 0.01 * r.day + random.NextDouble() + (r.day >= 23 ? shift : 0)).ToArray();
        var b = rows.Select(r => level[r.e] + random.NextDouble()).ToArray();
        var ts = rows.Select(r => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(r.day)).ToArray();
        var all = new Dataset("fleet", new[] { "unit", "a", "b" }, new[] { unit, a, b }, ts, "timestamp");
        var reference = all.Where(r => rows[r].day < 23);
        var current = all.Where(r => rows[r].day >= 23);
        var observed = Features.Select(f => KolmogorovSmirnovTest.TwoSample(reference.Column(f), current.Column(f)).Statistic).ToArray();
        return (reference, current, observed);
    }

    [Fact]
    public void AShiftedFeatureIsSignificantAndAnUnchangedOneIsNot()
    {
        var (reference, current, observed) = Fleet(shift: 1.5);
        var p = WatchedFleetNull.Calibrate(reference, current, Features, "unit", observed, new DriftDetectionOptions());
        Assert.Equal(new DriftDetectionOptions().Permutations, p.Resamples);   // drift_detection.permutations
        Assert.False(p.Exact);
        Assert.True(p.Adjusted[0] < 0.01, $"adjusted p of the shifted feature {p.Adjusted[0]}");
        Assert.True(p.Adjusted[1] > 0.05, $"adjusted p of the unchanged feature {p.Adjusted[1]}");
        Assert.Contains("engine bootstrap", p.Scheme);
        Assert.Contains("20 engines (20 in both windows)", p.Scheme);
    }

    [Fact]
    public void PValuesAreRankPValuesAndTheAdjustedOnesAreNeverSmaller()
    {
        var (reference, current, observed) = Fleet(shift: 0.3);
        var p = WatchedFleetNull.Calibrate(reference, current, Features, "unit", observed, new DriftDetectionOptions(), resamples: 99, seed: 3);
        for (int f = 0; f < Features.Length; f++)
        {
            Assert.InRange(p.Raw[f], 1.0 / 100, 1.0);
            Assert.Equal(0, Math.Round(p.Raw[f] * 100, 9) % 1);  // (1 + count) / (B + 1)
            Assert.True(p.Adjusted[f] >= p.Raw[f]);
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameResultWhateverTheScheduling()
    {
        var (reference, current, observed) = Fleet(shift: 0.3);
        var options = new DriftDetectionOptions();
        var first = WatchedFleetNull.Calibrate(reference, current, Features, "unit", observed, options);
        var second = WatchedFleetNull.Calibrate(reference, current, Features, "unit", observed, options);
        Assert.Equal(first.Raw, second.Raw);
        Assert.Equal(first.Adjusted, second.Adjusted);
        // Seeds per resample are fixed numbers, not a per-process hash.
        Assert.Equal(WatchedFleetNull.ResampleSeed(1, 2), WatchedFleetNull.ResampleSeed(1, 2));
        Assert.NotEqual(WatchedFleetNull.ResampleSeed(1, 2), WatchedFleetNull.ResampleSeed(1, 3));
    }

    [Fact]
    public void RankPValuesCountTheResamplesThatReachTheObservedStatistic()
    {
        // Two features, four resamples. Feature 0 observed 0.5: one resample reaches it, raw p = 2/5.
        var observed = new[] { 0.5, 0.1 };
        var stats = new[] { new[] { 0.1, 0.1 }, new[] { 0.2, 0.3 }, new[] { 0.5, 0.1 }, new[] { 0.1, 0.2 } };
        var (raw, adjusted) = WatchedFleetNull.RankPValues(observed, stats);
        Assert.Equal(2 / 5.0, raw[0], 12);
        Assert.Equal(5 / 5.0, raw[1], 12); // every resample reaches 0.1
        Assert.All(adjusted.Zip(raw), x => Assert.True(x.First >= x.Second));
        Assert.Equal(1.0, adjusted[1], 12);
    }

    [Fact]
    public void CancellationStopsTheResampling()
    {
        var (reference, current, observed) = Fleet(shift: 0);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            WatchedFleetNull.Calibrate(reference, current, Features, "unit", observed, new DriftDetectionOptions(), cancelled.Token));
    }

    [Fact]
    public void AnEmptyWindowGivesPOfOneWithoutResampling()
    {
        var (reference, current, observed) = Fleet(shift: 0);
        var p = WatchedFleetNull.Calibrate(reference, current.Where(_ => false), Features, "unit", observed, new DriftDetectionOptions());
        Assert.Equal(new[] { 1.0, 1.0 }, p.Adjusted);
        Assert.Equal(0, p.Resamples);
    }

    [Fact]
    public void AMissingGroupColumnIsAnErrorNamingIt()
    {
        var (reference, current, observed) = Fleet(shift: 0);
        var error = Assert.Throws<DataException>(() =>
            WatchedFleetNull.Calibrate(reference, current, Features, "engine", observed, new DriftDetectionOptions()));
        Assert.Contains("'engine'", error.Message);
    }
}
