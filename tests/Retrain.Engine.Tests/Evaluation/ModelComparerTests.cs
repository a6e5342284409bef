using System.Reflection;
using Retrain.Engine.Configuration;
using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>The champion/challenger decision: each condition, its Recommendation, and no NaN anywhere.</summary>
public class ModelComparerTests
{
    private static ModelComparisonOptions Options(PrimaryMetric metric = PrimaryMetric.Mae, int resamples = 300) =>
        new() { PrimaryMetric = metric, BootstrapResamples = resamples };

    private static ComparisonOutcome Compare(EvaluationData d, ModelComparisonOptions? options = null, string[]? segments = null, bool groups = true) =>
        ModelComparer.Compare(d.Actual, d.Champion, d.Challenger, groups ? d.Units : null, segments, options ?? Options(), 42);

    [Theory]
    [InlineData(PrimaryMetric.Mae)]
    [InlineData(PrimaryMetric.Rmse)]
    [InlineData(PrimaryMetric.R2)]
    [InlineData(PrimaryMetric.Mape)]
    public void AClearlyBetterChallengerIsPromoted(PrimaryMetric metric)
    {
        var d = EvaluationData.Create(3000, 40, 25);
        var o = Compare(d, Options(metric));

        Assert.True(o.ShouldPromote, o.Recommendation);
        Assert.Equal(ModelComparer.ChallengerWins, o.Winner);
        Assert.Equal(metric, o.PrimaryMetric);
        Assert.True(o.ImprovementPct >= 5 && o.PValue < 1e-6 && o.TStatistic < 0);
        Assert.True(o.ConfidenceInterval.Lower < o.ImprovementPct && o.ImprovementPct < o.ConfidenceInterval.Upper);
        Assert.StartsWith("Promote: challenger ", o.Recommendation);
        Assert.Contains("% better, paired t-test over 50 units, p = ", o.Recommendation);
        Assert.Contains("95% CI ", o.Recommendation);
        Assert.Null(o.TestNote);
        Assert.True(o.HasChampion);
    }

    [Fact]
    public void TheRecommendationGivesTheFigures()
    {
        var d = EvaluationData.Create(3000, 20, 14);
        var o = Compare(d);
        // Written out by hand, not rebuilt from the outcome's own fields. The MAEs and the improvement are checked
        // from the rows below; p (over the 50 units' mean errors) and the bootstrap interval are this seed's (42) figures, recorded once.
        Assert.Equal("Promote: challenger MAE 10.84 vs 16.23 (33.2% better, paired t-test over 50 units, p = 6.4e-25, 95% CI 30.4% to 35.9%).", o.Recommendation);
        Assert.Equal(SignificanceBasis.Units, o.SignificanceBasis);
        Assert.Equal(6.9e-84, o.RowPValue, 1e-85); // the row-level test stays in the outcome, deciding nothing
        double championMae = d.Actual.Zip(d.Champion, (y, p) => Math.Abs(p - y)).Average();
        double challengerMae = d.Actual.Zip(d.Challenger, (y, p) => Math.Abs(p - y)).Average();
        Assert.Equal(16.23, Math.Round(championMae, 2));
        Assert.Equal(10.84, Math.Round(challengerMae, 2));
        Assert.Equal(33.2, Math.Round(100 * (championMae - challengerMae) / championMae, 1));
    }

    [Fact]
    public void ASignificantButSmallImprovementKeepsTheChampion()
    {
        var d = EvaluationData.Create(20000, 20, 19.4, units: 200);
        var o = Compare(d);

        Assert.False(o.ShouldPromote);
        Assert.Equal(ModelComparer.ChallengerWins, o.Winner);
        Assert.InRange(o.ImprovementPct, 0.1, 4.9);
        Assert.True(o.PValue < 0.05, $"p = {o.PValue}");
        Assert.StartsWith("Keep the champion: the challenger is ", o.Recommendation);
        Assert.EndsWith("below min_improvement_pct 5.", o.Recommendation);
    }

    [Fact]
    public void ALargeButInsignificantImprovementIsATie()
    {
        // Challenger MAE 3.75 vs 6 (37.5% better), but per-row differences -9 -9 -9 -9 6 6 6 0: p about 0.4.
        double[] actual = [10, 20, 30, 40, 50, 60, 70, 80];
        double[] championErrors = [10, -10, 10, -10, 2, -2, 2, -2];
        double[] challengerErrors = [1, -1, 1, -1, 8, -8, 8, 2];
        var o = ModelComparer.Compare(actual, actual.Zip(championErrors, (y, e) => y + e).ToArray(),
            actual.Zip(challengerErrors, (y, e) => y + e).ToArray(), null, null, Options(), 42);

        Assert.False(o.ShouldPromote);
        Assert.Equal(ModelComparer.Tie, o.Winner);
        Assert.Equal(37.5, o.ImprovementPct, 9);
        Assert.True(o.PValue >= 0.05, $"p {o.PValue}");
        Assert.Contains("but not significantly (p = ", o.Recommendation);
        Assert.EndsWith("significance_level 0.05).", o.Recommendation);
    }

    [Fact]
    public void AWorseChallengerLosesToTheChampion()
    {
        var d = EvaluationData.Create(3000, 14, 20);
        var o = Compare(d);

        Assert.False(o.ShouldPromote);
        Assert.Equal(ModelComparer.ChampionWins, o.Winner);
        // The MAE improvement computed here from the rows, not read back from the outcome.
        double championMae = d.Actual.Zip(d.Champion, (y, p) => Math.Abs(p - y)).Average();
        double challengerMae = d.Actual.Zip(d.Challenger, (y, p) => Math.Abs(p - y)).Average();
        Assert.Equal(100 * (championMae - challengerMae) / championMae, o.ImprovementPct, 1e-9);
        Assert.True(o.ImprovementPct < -30, $"improvement {o.ImprovementPct}"); // noise 14 vs 20: about -43%
        Assert.True(o.TStatistic > 0);
        Assert.StartsWith("Keep the champion: the challenger is ", o.Recommendation);
        Assert.Contains("% worse on MAE (", o.Recommendation);
    }

    [Fact]
    public void IdenticalModelsTieWithoutNaN()
    {
        var d = EvaluationData.Create(500, 20, 20);
        var same = ModelComparer.Compare(d.Actual, d.Champion, d.Champion, d.Units, null, Options(), 1);

        Assert.Equal(ModelComparer.Tie, same.Winner);
        Assert.False(same.ShouldPromote);
        Assert.Equal(0, same.ImprovementPct);
        Assert.Equal(1, same.PValue);
        Assert.Equal(0, same.TStatistic);
        Assert.NotNull(same.TestNote);
        Assert.Equal(new ConfidenceInterval(0, 0, 0.95), same.ConfidenceInterval);
        Assert.Equal("Keep the champion: the challenger's MAE is the same (" + same.Challenger.Mae.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) + ").", same.Recommendation);
        AssertNoNaN(same);
    }

    [Fact]
    public void AConstantlyBetterChallengerHasPZeroAndAFiniteStatistic()
    {
        var actual = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        var champion = actual.Select(y => y + 3).ToArray();
        var challenger = actual.Select(y => y + 1).ToArray();
        var o = ModelComparer.Compare(actual, champion, challenger, null, null, Options(), 1);

        Assert.True(o.ShouldPromote, o.Recommendation);
        Assert.Equal(0, o.PValue);
        Assert.Equal(-double.MaxValue, o.TStatistic);
        Assert.Contains("p = 0,", o.Recommendation);
        AssertNoNaN(o);
    }

    [Fact]
    public void ASegmentThatRegressesTooMuchKeepsTheChampion()
    {
        var d = EvaluationData.Create(3000, 20, 12);
        var segments = new string[d.Count];
        for (var i = 0; i < d.Count; i++)
        {
            segments[i] = "condition " + (i % 3 + 1);
            if (i % 3 == 2) // the challenger is 40% worse than the champion on condition 3
                d.Challenger[i] = d.Actual[i] + 1.4 * (d.Champion[i] - d.Actual[i]);
        }
        var o = Compare(d, segments: segments);

        Assert.True(o.ImprovementPct > 5 && o.PValue < 0.05, $"{o.ImprovementPct} {o.PValue}");
        Assert.False(o.ShouldPromote);
        Assert.Equal(ModelComparer.ChallengerWins, o.Winner);
        Assert.Equal(new[] { "condition 1", "condition 2", "condition 3" }, o.Segments.Select(s => s.Segment));
        var bad = o.Segments[2];
        Assert.True(bad.Checked && bad.Regressed && bad.Count == 1000);
        Assert.Equal(-40, bad.ImprovementPct, 9);
        Assert.All(o.Segments.Take(2), s => Assert.False(s.Regressed));
        Assert.Equal("Keep the champion: the challenger is worse on segment 'condition 3' by 40.0% (more than max_segment_regression_pct 10).", o.Recommendation);
    }

    [Fact]
    public void ASmallSegmentIsShownButNotChecked()
    {
        var d = EvaluationData.Create(3000, 20, 12);
        var segments = Enumerable.Repeat("big", d.Count).ToArray();
        for (var i = 0; i < 50; i++)
        {
            segments[i] = "rare";
            d.Challenger[i] = d.Actual[i] + 3 * (d.Champion[i] - d.Actual[i]);
        }
        var o = Compare(d, segments: segments);

        var rare = o.Segments.Single(s => s.Segment == "rare");
        Assert.True(rare.ImprovementPct < -100 && !rare.Checked && !rare.Regressed);
        Assert.True(o.ShouldPromote, o.Recommendation);
    }

    [Fact]
    public void AMildSegmentRegressionWithinTheLimitDoesNotBlock()
    {
        var d = EvaluationData.Create(3000, 20, 12);
        var segments = new string[d.Count];
        for (var i = 0; i < d.Count; i++)
        {
            segments[i] = i < 1500 ? "a" : "b";
            if (i >= 1500)
                d.Challenger[i] = d.Actual[i] + 1.05 * (d.Champion[i] - d.Actual[i]);
        }
        var o = Compare(d, segments: segments);

        Assert.Equal(-5, o.Segments[1].ImprovementPct, 9);
        Assert.False(o.Segments[1].Regressed);
        Assert.True(o.ShouldPromote, o.Recommendation);
    }

    [Fact]
    public void WithoutAChampionTheChallengerWinsByDefault()
    {
        var d = EvaluationData.Create(400, 20, 15);
        var o = ModelComparer.ChallengerOnly(d.Actual, d.Challenger, Options());

        Assert.Null(o.Champion);
        Assert.False(o.HasChampion);
        Assert.True(o.ShouldPromote);
        Assert.Equal(ModelComparer.ChallengerWins, o.Winner);
        Assert.Equal(0, o.ImprovementPct);
        Assert.Equal(1, o.PValue);
        Assert.Empty(o.Segments);
        Assert.StartsWith("Promote: there is no production model to compare against, so the challenger wins by default (MAE ", o.Recommendation);
        Assert.EndsWith(" on 400 rows).", o.Recommendation);
        AssertNoNaN(o);
    }

    [Fact]
    public void MapeIsShownAsAPercentInTheRecommendation()
    {
        var d = EvaluationData.Create(3000, 20, 14);
        var o = Compare(d, Options(PrimaryMetric.Mape));
        Assert.Matches(@"^Promote: challenger MAPE \d+(\.\d+)?% vs \d+(\.\d+)?% \(", o.Recommendation);
    }

    [Fact]
    public void TheSignificanceLevelSetsTheIntervalLevel()
    {
        var d = EvaluationData.Create(1000, 20, 14);
        var options = Options();
        options.SignificanceLevel = 0.1;
        var o = Compare(d, options);
        Assert.Equal(0.9, o.ConfidenceInterval.Level, 12);
        Assert.Contains("90% CI", o.Recommendation);
    }

    [Fact]
    public void TheOutcomeIsDeterministicForASeed()
    {
        var d = EvaluationData.Create(1000, 20, 17);
        Assert.Equal(Compare(d).ConfidenceInterval, Compare(d).ConfidenceInterval);
    }

    [Theory]
    [InlineData("champion")]
    [InlineData("challenger")]
    [InlineData("groups")]
    [InlineData("segments")]
    public void InputsOfAnotherLengthAreRejectedByName(string which)
    {
        var d = EvaluationData.Create(20, 1, 1);
        var champion = which == "champion" ? d.Champion[..19] : d.Champion;
        var challenger = which == "challenger" ? d.Challenger[..19] : d.Challenger;
        var groups = which == "groups" ? d.Units[..19] : d.Units;
        var segments = Enumerable.Repeat("s", which == "segments" ? 19 : 20).ToArray();

        var e = Assert.Throws<RetrainException>(() => ModelComparer.Compare(d.Actual, champion, challenger, groups, segments, Options(), 1));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("EvaluationLengthMismatch", e.ErrorId);
        Assert.Equal(which, e.Target);
        Assert.Contains($"'{which}' has 19 values", e.Message);
    }

    [Fact]
    public void NoRowsIsRejected()
    {
        var e = Assert.Throws<RetrainException>(() => ModelComparer.Compare([], [], [], null, null, Options(), 1));
        Assert.Equal("EvaluationEmptyInput", e.ErrorId);
        Assert.Throws<RetrainException>(() => ModelComparer.ChallengerOnly([], [], Options()));
    }

    private static void AssertNoNaN(ComparisonOutcome o)
    {
        var numbers = new List<(string, double)>
        {
            ("ImprovementPct", o.ImprovementPct), ("PValue", o.PValue), ("TStatistic", o.TStatistic),
            ("CI.Lower", o.ConfidenceInterval.Lower), ("CI.Upper", o.ConfidenceInterval.Upper),
        };
        foreach (var m in new[] { o.Champion, o.Challenger }.OfType<RegressionMetrics>())
            numbers.AddRange(typeof(RegressionMetrics).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(double) && p.GetIndexParameters().Length == 0).Select(p => (p.Name, (double)p.GetValue(m)!)));
        Assert.All(numbers, n => Assert.True(double.IsFinite(n.Item2), $"{n.Item1} = {n.Item2}"));
        Assert.DoesNotContain("NaN", o.Recommendation);
        Assert.DoesNotContain("Infinity", o.Recommendation);
    }
}
