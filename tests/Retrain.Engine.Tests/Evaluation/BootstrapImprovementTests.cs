using Retrain.Engine.Configuration;
using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>
/// Properties of the percentile bootstrap (its RNG differs from numpy's, so no bit-for-bit reference):
/// determinism, coverage of the point estimate, narrowing with data, whole-unit resampling.
/// </summary>
public class BootstrapImprovementTests
{
    private static readonly PrimaryMetric[] AllMetrics = Enum.GetValues<PrimaryMetric>();

    private static double Point(EvaluationData d, PrimaryMetric metric) => BootstrapImprovement.ImprovementPct(metric,
        MetricsCalculator.Compute(d.Actual, d.Champion), MetricsCalculator.Compute(d.Actual, d.Challenger));

    [Theory]
    [InlineData(PrimaryMetric.Mae, 20.0, 15.0, 25.0)]
    [InlineData(PrimaryMetric.Rmse, 2.0, 1.5, 25.0)]
    [InlineData(PrimaryMetric.Mape, 0.5, 0.4, 20.0)]
    [InlineData(PrimaryMetric.R2, 0.5, 0.75, 50.0)]
    [InlineData(PrimaryMetric.R2, -0.5, 0.25, 150.0)]
    public void ImprovementIsRelativeToTheChampionAndPositiveWhenTheChallengerIsBetter(PrimaryMetric metric, double champion, double challenger, double expected)
    {
        var a = Metrics(metric, champion);
        var b = Metrics(metric, challenger);
        Assert.Equal(expected, BootstrapImprovement.ImprovementPct(metric, a, b), 12);
        Assert.Equal(metric == PrimaryMetric.R2 ? -expected * Math.Abs(champion) / Math.Abs(challenger) : -expected * champion / challenger,
            BootstrapImprovement.ImprovementPct(metric, b, a), 12);
    }

    [Fact]
    public void ImprovementOverAPerfectChampionIsUnboundedButFinite()
    {
        Assert.Equal(-double.MaxValue, BootstrapImprovement.ImprovementPct(PrimaryMetric.Mae, Metrics(PrimaryMetric.Mae, 0), Metrics(PrimaryMetric.Mae, 1)));
        Assert.Equal(0, BootstrapImprovement.ImprovementPct(PrimaryMetric.Mae, Metrics(PrimaryMetric.Mae, 0), Metrics(PrimaryMetric.Mae, 0)));
        Assert.Equal(double.MaxValue, BootstrapImprovement.ImprovementPct(PrimaryMetric.R2, Metrics(PrimaryMetric.R2, 0), Metrics(PrimaryMetric.R2, 0.5)));
    }

    private static RegressionMetrics Metrics(PrimaryMetric metric, double value) => metric switch
    {
        PrimaryMetric.Mae => new RegressionMetrics { Mae = value },
        PrimaryMetric.Rmse => new RegressionMetrics { Rmse = value },
        PrimaryMetric.R2 => new RegressionMetrics { R2 = value },
        _ => new RegressionMetrics { Mape = value },
    };

    [Fact]
    public void TheSameSeedGivesTheSameIntervalAndAnotherSeedAnother()
    {
        var d = EvaluationData.Create(3000, 20, 15);
        foreach (var groups in new[] { null, d.Units })
        {
            var first = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, groups, PrimaryMetric.Mae, 400, 42);
            var again = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, groups, PrimaryMetric.Mae, 400, 42);
            var other = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, groups, PrimaryMetric.Mae, 400, 43);
            Assert.Equal(first, again);
            Assert.NotEqual(first, other);
        }
    }

    [Fact]
    public void AClearImprovementHasAnIntervalAroundThePointEstimateAboveZero()
    {
        var d = EvaluationData.Create(4000, 20, 14);
        foreach (var metric in AllMetrics)
            foreach (var groups in new[] { null, d.Units })
            {
                var point = Point(d, metric);
                var ci = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, groups, metric, 500, 1);
                Assert.True(ci.Lower > 0 && ci.Lower < point && point < ci.Upper,
                    $"{metric}, groups {groups is not null}: {point} not inside {ci}");
                Assert.Equal(0.95, ci.Level);
            }
    }

    [Fact]
    public void TheIntervalNarrowsWithMoreData()
    {
        var small = EvaluationData.Create(300, 20, 15, seed: 3);
        var large = EvaluationData.Create(12000, 20, 15, seed: 3);
        foreach (var metric in AllMetrics)
        {
            var a = BootstrapImprovement.Interval(small.Actual, small.Champion, small.Challenger, null, metric, 500, 5);
            var b = BootstrapImprovement.Interval(large.Actual, large.Champion, large.Challenger, null, metric, 500, 5);
            Assert.True(b.Upper - b.Lower < (a.Upper - a.Lower) / 3, $"{metric}: {a} vs {b}");
        }
    }

    [Fact]
    public void OneGiantUnitGivesADegenerateIntervalAtThePointEstimate()
    {
        var d = EvaluationData.Create(2000, 20, 15);
        var oneUnit = new int[d.Count];
        foreach (var metric in AllMetrics)
        {
            var ci = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, oneUnit, metric, 200, 9);
            Assert.Equal(ci.Lower, ci.Upper);
            Assert.Equal(Point(d, metric), ci.Lower, 9);
        }
    }

    [Fact]
    public void GroupResamplingKeepsUnitsWhole()
    {
        // Two equal units: the challenger is much better on the first, worse on the second. Whole-unit
        // resamples are {1,1}, {1,2}, {2,2} (probabilities 1/4, 1/2, 1/4), so the 2.5% and 97.5% points are
        // exactly the second and the first unit alone; row resampling mixes rows and lands in between.
        var d = EvaluationData.Create(2000, 20, 10);
        var units = new int[d.Count];
        for (var i = 1000; i < d.Count; i++)
        {
            units[i] = 1;
            d.Challenger[i] = d.Actual[i] + 2.5 * (d.Champion[i] - d.Actual[i]);
        }
        double Alone(int from) => BootstrapImprovement.ImprovementPct(PrimaryMetric.Mae,
            MetricsCalculator.Compute(d.Actual.AsSpan(from, 1000), d.Champion.AsSpan(from, 1000)),
            MetricsCalculator.Compute(d.Actual.AsSpan(from, 1000), d.Challenger.AsSpan(from, 1000)));

        var grouped = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, units, PrimaryMetric.Mae, 1000, 11);
        Assert.Equal(Alone(1000), grouped.Lower, 9);
        Assert.Equal(Alone(0), grouped.Upper, 9);

        var rows = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, null, PrimaryMetric.Mae, 1000, 11);
        Assert.True(rows.Lower > grouped.Lower + 10 && rows.Upper < grouped.Upper - 10, $"{rows} vs {grouped}");
    }

    [Fact]
    public void RowResamplingEqualsResamplingOneUnitPerRow()
    {
        // The row path counts draws per row then sums sequentially; the unit path gathers drawn units.
        // With the same seeds and one unit per row (in row order) they must draw the same rows.
        var d = EvaluationData.Create(1001, 20, 16);
        var perRow = Enumerable.Range(0, d.Count).ToArray();
        foreach (var metric in AllMetrics)
        {
            var rows = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, null, metric, 300, 21);
            var units = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, perRow, metric, 300, 21);
            Assert.Equal(units.Lower, rows.Lower, 8);
            Assert.Equal(units.Upper, rows.Upper, 8);
        }
    }

    [Fact]
    public void ALevelNarrowsOrWidensTheInterval()
    {
        var d = EvaluationData.Create(2000, 20, 15);
        var ci90 = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, null, PrimaryMetric.Rmse, 500, 2, 0.90);
        var ci99 = BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, null, PrimaryMetric.Rmse, 500, 2, 0.99);
        Assert.True(ci99.Lower < ci90.Lower && ci90.Upper < ci99.Upper);
        Assert.Equal(0.90, ci90.Level);
    }

    [Fact]
    public void MapeWithEveryTrueValueZeroGivesAZeroInterval()
    {
        var zeros = new double[50];
        var ci = BootstrapImprovement.Interval(zeros, Enumerable.Repeat(1.0, 50).ToArray(), Enumerable.Repeat(2.0, 50).ToArray(),
            null, PrimaryMetric.Mape, 100, 1);
        Assert.Equal(new ConfidenceInterval(0, 0, 0.95), ci);
    }

    [Theory]
    [InlineData(0, 0.95, "resamples")]
    [InlineData(100, 1.0, "level")]
    [InlineData(100, 0.0, "level")]
    [InlineData(100, double.NaN, "level")]
    public void BadSettingsAreRejectedByName(int resamples, double level, string target)
    {
        var d = EvaluationData.Create(10, 1, 1);
        var e = Assert.Throws<RetrainException>(() =>
            BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, null, PrimaryMetric.Mae, resamples, 1, level));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(target, e.Target);
    }

    [Fact]
    public void GroupsOfAnotherLengthAreRejected()
    {
        var d = EvaluationData.Create(10, 1, 1);
        var e = Assert.Throws<RetrainException>(() =>
            BootstrapImprovement.Interval(d.Actual, d.Champion, d.Challenger, new int[9], PrimaryMetric.Mae, 10, 1));
        Assert.Equal("EvaluationLengthMismatch", e.ErrorId);
        Assert.Equal("groups", e.Target);
    }
}
