using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Xunit.Abstractions;

namespace Retrain.Engine.Tests.Drift;

/// <summary>
/// Issue 12's second calibration goal: a steady-state FD001 fleet watched over time (<see cref="SteadyStateFleet"/>),
/// checked at random -AsOf weeks with the default windows (7 days against the 90 before). Nothing changes in the fleet,
/// so every alarm is false. The row-level rule and a NannyML-style reference-chunk band are measured on the same draws.
/// </summary>
public class WatchedFleetNullCalibrationTests
{
    private const int Slots = 50;
    /// <summary>Enough for p down to 0.005, below the threshold after the max-statistic correction; bounds the test's time.</summary>
    private const int Resamples = 199;
    private const double Alpha = 0.05;
    private static readonly DriftDetectionOptions Drift = new();
    private static readonly PipelineOptions Pipeline = new();
    private readonly ITestOutputHelper _output;

    public WatchedFleetNullCalibrationTests(ITestOutputHelper output) => _output = output;

    internal readonly record struct Verdicts(bool RowLevel, bool Band, bool Calibrated, bool CalibratedWithFloor, int Resamples, int SharedEngines);

    /// <summary>One check of a fresh fleet at a random AsOf, with <paramref name="offset"/> added to one sensor in the current week.</summary>
    internal static Verdicts Check(int seed, string? shifted = null, double offset = 0)
    {
        var random = new Random(seed);
        int asOf = 500 + random.Next(300); // well past the burn-in (the longest FD001 life is 362 days)
        var fleet = SteadyStateFleet.Build(seed, Slots, asOf - 120, asOf);
        var (reference, current) = DriftWindows.Apply(fleet, fleet, Drift, Pipeline, SteadyStateFleet.Origin.AddDays(asOf));
        var features = SteadyStateFleet.Features;

        var currentColumns = features.Select(f => f == shifted ? current.Column(f).Select(v => v + offset).ToArray() : current.Column(f)).ToArray();
        var observed = new double[features.Length];
        var rowP = new double[features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            var ks = KolmogorovSmirnovTest.TwoSample(reference.Column(features[f]), currentColumns[f]);
            (observed[f], rowP[f]) = (ks.Statistic, ks.PValue);
        }
        var shiftedCurrent = new Dataset(current.Source, new[] { "unit" }.Concat(features).ToArray(),
            new[] { current.Column("unit") }.Concat(currentColumns).ToArray(), current.Timestamps, current.TimestampColumn);

        var calibrated = WatchedFleetNull.Calibrate(reference, shiftedCurrent, features, "unit", observed, Drift, Resamples, seed);
        var bonferroni = MultipleTestingCorrection.Adjust(rowP, PValueCorrection.Bonferroni);
        var band = NannyMlBand(reference, features);
        bool any(Func<int, bool> alarm) => Enumerable.Range(0, features.Length).Any(alarm);
        var shared = current.Labels("unit").Labels.Intersect(reference.Labels("unit").Labels).Count();
        return new Verdicts(
            RowLevel: any(f => bonferroni[f] < Alpha && observed[f] >= Drift.MinStatistic),
            Band: any(f => observed[f] > band[f]),
            Calibrated: any(f => calibrated.Adjusted[f] < Alpha),
            CalibratedWithFloor: any(f => calibrated.Adjusted[f] < Alpha && observed[f] >= Drift.MinStatistic),
            calibrated.Resamples, shared);
    }

    /// <summary>
    /// NannyML's univariate drift threshold: the reference cut into window-long chunks (not overlapping), each chunk's KS
    /// statistic against the whole reference, alarm above mean + 3 standard deviations of those chunk statistics.
    /// </summary>
    internal static double[] NannyMlBand(Dataset reference, IReadOnlyList<string> features)
    {
        var ts = reference.Timestamps!;
        var start = ts.Min();
        var chunkOf = ts.Select(t => (int)((t - start).TotalDays / Drift.WindowSizeDays)).ToArray();
        int chunks = (int)((ts.Max() - start).TotalDays + 1) / Drift.WindowSizeDays; // whole chunks only
        var upper = new double[features.Count];
        for (int f = 0; f < features.Count; f++)
        {
            // Sorted once with each row's chunk alongside; a chunk's statistic is then one pass.
            var values = reference.Column(features[f]).ToArray();
            var chunk = chunkOf.ToArray();
            Array.Sort(values, chunk);
            var d = new double[chunks];
            for (int c = 0; c < chunks; c++)
            {
                int size = chunk.Count(x => x == c), inChunk = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    if (chunk[i] == c) inChunk++;
                    if (i + 1 < values.Length && values[i + 1] == values[i]) continue;
                    d[c] = Math.Max(d[c], Math.Abs((double)inChunk / size - (i + 1.0) / values.Length));
                }
            }
            double mean = d.Average();
            double sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1));
            upper[f] = mean + 3 * sd;
        }
        return upper;
    }

    private void Report(string what, IReadOnlyList<Verdicts> v)
    {
        string rate(Func<Verdicts, bool> alarm) => $"{v.Count(alarm)}/{v.Count}";
        _output.WriteLine($"{what}: row-level {rate(x => x.RowLevel)}, NannyML band {rate(x => x.Band)}, " +
                          $"engine bootstrap {rate(x => x.Calibrated)}, engine bootstrap and D >= {Drift.MinStatistic} {rate(x => x.CalibratedWithFloor)}; " +
                          $"resamples {v.Min(x => x.Resamples)}..{v.Max(x => x.Resamples)}, shared engines {v.Min(x => x.SharedEngines)}..{v.Max(x => x.SharedEngines)}");
    }

    [Fact]
    public void AnUnchangedFleetWatchedOverTimeRaisesFalseAlarmsInAtMostEightPercentOfWeeks()
    {
        var verdicts = Enumerable.Range(0, 200).Select(i => Check(1000 + i)).ToArray();
        Report("no drift", verdicts);
        Assert.All(verdicts, v => Assert.True(v.SharedEngines > 0)); // the windows really share engines
        // 5% plus Monte Carlo error (2 standard errors of 200 draws is 3%): at most 16 of 200, with or without the D floor.
        Assert.True(verdicts.Count(v => v.Calibrated) <= 16, $"{verdicts.Count(v => v.Calibrated)} false alarms in 200 weeks");
        Assert.True(verdicts.Count(v => v.CalibratedWithFloor) <= 16, $"{verdicts.Count(v => v.CalibratedWithFloor)} false alarms in 200 weeks with D >= {Drift.MinStatistic}");
        // The anchors over-alarm on the same weeks: the row-level rule and NannyML's band.
        Assert.True(verdicts.Count(v => v.RowLevel) > 40 && verdicts.Count(v => v.Band) > 40);
    }

    [Theory]
    [InlineData("s11", 0.25)] // about one standard deviation of s11 over the fleet (0.27)
    public void ASensorOffsetInTheCurrentWeekIsDetected(string sensor, double offset)
    {
        var verdicts = Enumerable.Range(0, 100).Select(i => Check(5000 + i, sensor, offset)).ToArray();
        Report($"{sensor} + {offset}", verdicts);
        Assert.True(verdicts.Count(v => v.Calibrated) >= 90, $"detected in {verdicts.Count(v => v.Calibrated)} of 100 weeks");
    }
}
