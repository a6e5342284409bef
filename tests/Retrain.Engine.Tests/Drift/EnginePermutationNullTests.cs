using System.Text.Json;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Xunit;

namespace Retrain.Engine.Tests.Drift;

/// <summary>
/// The engine permutation null against scipy's permutation_test (one row per engine, where exchanging engines is
/// exchanging rows: reference/permutation_cases.json) and against a brute-force enumeration with the row-level KS.
/// </summary>
public class EnginePermutationNullTests
{
    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "permutation_cases.json"))));

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void OneRowPerEngineGivesScipysExactPermutationPValue()
    {
        var cases = Reference.Value.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.True(cases.Length >= 5);
        foreach (var c in cases)
        {
            var x = Doubles(c.GetProperty("reference"));
            var y = Doubles(c.GetProperty("current"));
            double d = KolmogorovSmirnovTest.TwoSample(x, y).Statistic;
            Assert.Equal(c.GetProperty("statistic").GetDouble(), d, 1e-15);
            var p = EnginePermutationNull.Calibrate(new[] { x }, Enumerable.Range(0, x.Length).ToArray(),
                new[] { y }, Enumerable.Range(x.Length, y.Length).ToArray(), x.Length + y.Length, new[] { d }, 10000, 0.05);
            Assert.True(p.Exact);
            Assert.Equal(c.GetProperty("splits").GetInt32(), p.Resamples);
            Assert.Equal(c.GetProperty("pvalue").GetDouble(), p.Raw[0], 1e-12);
            Assert.Equal(p.Raw[0], p.Adjusted[0], 1e-15); // one feature: the max is the feature
        }
    }

    /// <summary>Six engines of 3..8 rows with ties, two features: every split enumerated here with the row-level KS.</summary>
    [Fact]
    public void ExactEnumerationMatchesBruteForceOverWholeEngines()
    {
        var rng = new Random(7);
        int[] rowsPerEngine = { 3, 8, 5, 4, 7, 6 };
        var engineOf = rowsPerEngine.SelectMany((r, e) => Enumerable.Repeat(e, r)).ToArray();
        // Engine offsets make rows of one engine alike, as on a fleet; rounding makes ties.
        var offsets = new[] { 0.0, 0.8, -0.5, 0.3, 1.1, -0.9 };
        var a = engineOf.Select(e => Math.Round(offsets[e] + rng.NextDouble(), 1)).ToArray();
        var b = engineOf.Select(e => Math.Round(rng.NextDouble() * 3)).ToArray();
        var current = new HashSet<int> { 1, 4 };
        double[] Pick(double[] v, bool cur) => v.Where((_, i) => current.Contains(engineOf[i]) == cur).ToArray();
        int[] Engines(bool cur) => engineOf.Where(e => current.Contains(e) == cur).ToArray();
        double[] Ds(Func<int, bool> isCurrent) => new[] { a, b }.Select(v => KolmogorovSmirnovTest.TwoSample(
            v.Where((_, i) => !isCurrent(engineOf[i])).ToArray(), v.Where((_, i) => isCurrent(engineOf[i])).ToArray()).Statistic).ToArray();

        var observed = Ds(current.Contains);
        var p = EnginePermutationNull.Calibrate(new[] { Pick(a, false), Pick(b, false) }, Engines(false),
            new[] { Pick(a, true), Pick(b, true) }, Engines(true), 6, observed, 999, 0.05);

        int splits = 0;
        var raw = new int[2];
        var adjusted = new int[2];
        for (int i = 0; i < 6; i++)
            for (int j = i + 1; j < 6; j++)
            {
                splits++;
                var ds = Ds(e => e == i || e == j);
                for (int f = 0; f < 2; f++)
                {
                    if (ds[f] >= observed[f] - 1e-12) raw[f]++;
                    if (ds.Max() >= observed[f] - 1e-12) adjusted[f]++;
                }
            }
        Assert.True(p.Exact);
        Assert.Equal(15, splits);
        Assert.Equal(splits, p.Resamples);
        for (int f = 0; f < 2; f++)
        {
            Assert.Equal((double)raw[f] / splits, p.Raw[f], 1e-15);
            Assert.Equal((double)adjusted[f] / splits, p.Adjusted[f], 1e-15);
            Assert.True(p.Adjusted[f] >= p.Raw[f]);
        }
    }

    private static (double[][] RefCols, int[] RefEngines, double[][] CurCols, int[] CurEngines) Fleet(int engines, int current, int rows, double shift, int seed)
    {
        var rng = new Random(seed);
        var offset = Enumerable.Range(0, engines).Select(_ => rng.NextDouble() * 0.5).ToArray();
        var engineOf = Enumerable.Range(0, engines * rows).Select(i => i / rows).ToArray();
        var col = engineOf.Select(e => offset[e] + rng.NextDouble() + (e >= engines - current ? shift : 0)).ToArray();
        var col2 = engineOf.Select(_ => rng.NextDouble()).ToArray();
        bool IsCur(int i) => engineOf[i] >= engines - current;
        double[][] Split(bool cur) => new[] { col, col2 }.Select(c => c.Where((_, i) => IsCur(i) == cur).ToArray()).ToArray();
        return (Split(false), engineOf.Where((_, i) => !IsCur(i)).ToArray(), Split(true), engineOf.Where((_, i) => IsCur(i)).ToArray());
    }

    private static double[] Observed(double[][] r, double[][] c) => r.Select((col, f) => KolmogorovSmirnovTest.TwoSample(col, c[f]).Statistic).ToArray();

    [Fact]
    public void MonteCarloIsSeededAndStopsEarlyOnlyWhenNoFeatureCanReachTheThreshold()
    {
        var (rc, re, cc, ce) = Fleet(60, 10, 30, 0, 1);
        var d = Observed(rc, cc);
        var first = EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, d, 999, 0.05);
        var again = EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, d, 999, 0.05);
        Assert.Equal(first.Raw, again.Raw);
        Assert.Equal(first.Adjusted, again.Adjusted);
        Assert.False(first.Exact);
        Assert.True(first.StoppedEarly);
        Assert.True(first.Resamples < 999 && first.Resamples % 64 == 0, $"{first.Resamples}");
        Assert.All(first.Adjusted, p => Assert.True(p >= 0.05));

        // Without the stop all 999 run; the first permutations are the same, so the stop's p is the full run's estimate.
        var full = EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, d, 999, 0);
        Assert.False(full.StoppedEarly);
        Assert.Equal(999, full.Resamples);
        Assert.All(full.Adjusted, p => Assert.True(p >= 0.05));
        Assert.All(full.Raw.Zip(full.Adjusted), t => Assert.True(t.Second >= t.First));
    }

    [Fact]
    public async Task OneThreadGivesTheSameMonteCarloPValuesAsAllCores()
    {
        var (rc, re, cc, ce) = Fleet(60, 10, 30, 0.15, 4);
        var d = Observed(rc, cc);
        var parallel = EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, d, 499, 0);
        // Parallel.For schedules on the current scheduler: an exclusive one runs every block on one thread in turn.
        var oneThread = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var sequential = await Task.Factory.StartNew(() => EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, d, 499, 0),
            CancellationToken.None, TaskCreationOptions.None, oneThread);
        Assert.Equal(parallel.Raw, sequential.Raw);
        Assert.Equal(parallel.Adjusted, sequential.Adjusted);
        Assert.Equal(499, sequential.Resamples);
    }

    [Fact]
    public void AShiftedWindowOfEnginesGetsTheSmallestPossiblePValue()
    {
        var (rc, re, cc, ce) = Fleet(60, 10, 30, 1.0, 2);
        var p = EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, Observed(rc, cc), 499, 0.05);
        Assert.False(p.StoppedEarly);
        Assert.Equal(499, p.Resamples);
        Assert.Equal(1.0 / 500, p.Adjusted[0], 1e-15);
        Assert.True(p.Adjusted[1] > 0.05, $"the unshifted feature: {p.Adjusted[1]}");
    }

    [Fact]
    public void CancellationStopsThePermutations()
    {
        var (rc, re, cc, ce) = Fleet(60, 10, 30, 1.0, 3);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            EnginePermutationNull.Calibrate(rc, re, cc, ce, 60, Observed(rc, cc), 999, 0.05, cancelled.Token));
    }

    private static Dataset WithUnits(string source, double[] a, double[] units) => new(source, new[] { "a", "unit" }, new[] { a, units });

    [Fact]
    public void TheDetectorDecidesOnEnginesWithAGroupColumnAndOnRowsWithAWarningWithout()
    {
        // 40 engines of 100 rows, each with its own offset: the 5 "current" engines differ from the rest by chance
        // only, and the row-level test (5000 vs 500 rows) calls that certain.
        var rng = new Random(11);
        var offset = Enumerable.Range(0, 45).Select(_ => rng.NextDouble()).ToArray();
        double[] Rows(int from, int to) => Enumerable.Range(from * 100, (to - from) * 100).Select(i => offset[i / 100] * 2 + rng.NextDouble()).ToArray();
        double[] Units(int from, int to) => Enumerable.Range(from * 100, (to - from) * 100).Select(i => (double)(i / 100)).ToArray();
        // The current engines are the five with the largest offsets: a selection, as a bad week would be.
        var order = Enumerable.Range(0, 45).OrderBy(e => offset[e]).ToArray();
        var values = Rows(0, 45);
        var units = Units(0, 45);
        var currentSet = order.Skip(40).ToHashSet();
        var reference = WithUnits("ref", values.Where((_, i) => !currentSet.Contains(i / 100)).ToArray(), units.Where(u => !currentSet.Contains((int)u)).ToArray());
        var current = WithUnits("cur", values.Where((_, i) => currentSet.Contains(i / 100)).ToArray(), units.Where(u => currentSet.Contains((int)u)).ToArray());
        var options = new DriftDetectionOptions { MinSamples = 100, Permutations = 199 };

        var warnings = new List<string>();
        var rows = new DataDriftDetector(options).Detect(reference, current, new[] { "a" }, new SyncProgress(p => { if (p.Warning is { } w) warnings.Add(w); }));
        Assert.Equal(PValueBasis.Rows, rows.PValueBasis);
        Assert.Null(rows.Features[0].CalibratedPValue);
        Assert.Contains(warnings, w => w.Contains("rows are independent"));
        Assert.Contains("row-level KS p (Bonferroni-corrected) < 0.05", rows.Rule);
        Assert.Contains(rows.Rule, rows.Recommendation);

        var engines = new DataDriftDetector(options, "unit").Detect(reference, current, new[] { "a" });
        Assert.Equal(PValueBasis.Engines, engines.PValueBasis);
        Assert.Equal(40, engines.ReferenceEngines);
        Assert.Equal(5, engines.CurrentEngines);
        Assert.Equal("unit", engines.GroupColumn);
        var f = engines.Features[0];
        // The row-level figures are the same in both reports (scipy's), and the calibrated p sits beside them.
        Assert.Equal(rows.Features[0].PValue, f.PValue);
        Assert.Equal(rows.Features[0].Statistic, f.Statistic);
        Assert.NotNull(f.CalibratedPValue);
        Assert.Equal(f.CalibratedAdjustedPValue, f.DecisionPValue);
        Assert.Contains("engine-calibrated", engines.Rule);
        Assert.Contains(engines.Rule, engines.Recommendation);
        Assert.Equal(EnginePermutationNull.SchemeName, engines.NullScheme);
        Assert.True(engines.Permutations is > 0 and <= 199);
    }

    [Fact]
    public void FewEnginesAreEnumeratedAndTheDetectorSaysNoDriftCanBeShown()
    {
        // 2 reference and 2 current engines: C(4, 2) = 6 splits, so the smallest p is 1/6.
        var a = Enumerable.Range(0, 2000).Select(i => i < 1000 ? i % 97 : 500.0 + i % 89).ToArray();
        var units = Enumerable.Range(0, 2000).Select(i => (double)(i / 500)).ToArray();
        var reference = WithUnits("ref", a[..1000], units[..1000]);
        var current = WithUnits("cur", a[1000..], units[1000..]);
        var warnings = new List<string>();
        var report = new DataDriftDetector(new DriftDetectionOptions { MinSamples = 100 }, "unit")
            .Detect(reference, current, new[] { "a" }, new SyncProgress(p => { if (p.Warning is { } w) warnings.Add(w); }));
        Assert.True(report.PermutationsExact);
        Assert.Equal(6, report.Permutations);
        // The observed split and its mirror (windows swapped) give the same D: 2 of 6.
        Assert.Equal(2.0 / 6, report.Features[0].CalibratedAdjustedPValue!.Value, 1e-15);
        Assert.False(report.DriftDetected);
        Assert.True(report.Features[0].AdjustedPValue < 1e-100); // the row-level test would have alarmed
        Assert.Contains(warnings, w => w.Contains("smallest possible engine-calibrated p is 0.167"));
    }

    private sealed class SyncProgress(Action<EngineProgress> report) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => report(value);
    }
}
