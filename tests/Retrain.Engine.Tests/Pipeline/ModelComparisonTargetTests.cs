using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>
/// Champion and challenger are judged against one stated target: model_comparison.target_cap, else the challenger's
/// training cap; never the session's training.rul_cap. Uneven pairs (different caps or features) are warned about.
/// </summary>
public sealed class ModelComparisonTargetTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _f;

    public ModelComparisonTargetTests(PipelineFixture fixture) => _f = fixture;

    /// <summary>FD001 units 31..45, which none of the fixture's models trained on.</summary>
    private static Dataset Unseen()
    {
        var data = Fd001.Units(45);
        var unit = data.Column("unit");
        return data.Where(r => unit[r] > 30);
    }

    private ComparisonReport Compare(string challenger, string champion, double? sessionCap = null, double? targetCap = null) =>
        ModelComparison.Compare(_f.Store, PipelineFixture.Options(sessionCap, targetCap), challenger, champion, Unseen());

    private static double Mae(string folder, Dataset rows, double? cap)
    {
        using var predictor = ModelPredictor.Load(folder);
        return MetricsCalculator.Compute(EvaluationLabels.Capped(rows.Column("rul"), cap), predictor.Predict(rows)).Mae;
    }

    [Fact]
    public void The_verdict_and_the_target_do_not_depend_on_the_session_s_training_rul_cap()
    {
        var (capped, _) = _f.Model("fd001-30");
        var (uncapped, _) = _f.Model("fd001-30-uncapped", cap: null);

        var without = Compare(capped, uncapped, sessionCap: null);
        var with125 = Compare(capped, uncapped, sessionCap: 125);
        var with60 = Compare(capped, uncapped, sessionCap: 60);

        foreach (var r in new[] { with125, with60 })
        {
            Assert.Equal(without.Winner, r.Winner);
            Assert.Equal(without.ShouldPromote, r.ShouldPromote);
            Assert.Equal(without.ImprovementPct, r.ImprovementPct);
            Assert.Equal(without.PValue, r.PValue);
            Assert.Equal(without.Recommendation, r.Recommendation);
            Assert.Equal(125, r.TargetCap);
        }
        Assert.Equal("the challenger's training cap", without.TargetCapSource);
        Assert.EndsWith("Both judged against rul capped at 125 (the challenger's training cap).", without.Recommendation);
        Assert.Equal(Mae(capped, Unseen(), 125), without.MetricsComparison.Challenger.Mae, 1e-9);
        Assert.Equal(Mae(uncapped, Unseen(), 125), without.MetricsComparison.Champion!.Mae, 1e-9);
        Assert.Equal("125", _f.Store.GetRun(without.RunId!).Params["target_cap"]);
    }

    [Fact]
    public void Swapping_the_roles_takes_the_new_challenger_s_cap()
    {
        var (capped, _) = _f.Model("fd001-30");
        var (uncapped, _) = _f.Model("fd001-30-uncapped", cap: null);

        var r = Compare(uncapped, capped, sessionCap: 125);

        Assert.Null(r.TargetCap);
        Assert.Equal("the challenger was trained without a cap", r.TargetCapSource);
        Assert.Contains("rul (no cap)", r.Recommendation);
        Assert.Equal(Mae(uncapped, Unseen(), null), r.MetricsComparison.Challenger.Mae, 1e-9);
        Assert.Equal("none", _f.Store.GetRun(r.RunId!).Params["target_cap"]);
    }

    [Fact]
    public void Model_comparison_target_cap_sets_the_target_for_both()
    {
        var (capped, _) = _f.Model("fd001-30");
        var (uncapped, _) = _f.Model("fd001-30-uncapped", cap: null);

        var r = Compare(capped, uncapped, sessionCap: 125, targetCap: 150);

        Assert.Equal(150, r.TargetCap);
        Assert.Equal("model_comparison.target_cap", r.TargetCapSource);
        Assert.Equal(Mae(capped, Unseen(), 150), r.MetricsComparison.Challenger.Mae, 1e-9);
        Assert.Equal(Mae(uncapped, Unseen(), 150), r.MetricsComparison.Champion!.Mae, 1e-9);
        Assert.Equal("150", _f.Store.GetRun(r.RunId!).Params["target_cap"]);
    }

    [Fact]
    public void Models_trained_with_different_caps_are_compared_with_a_warning()
    {
        var (capped, _) = _f.Model("fd001-30");
        var (uncapped, _) = _f.Model("fd001-30-uncapped", cap: null);

        var warning = Assert.Single(Compare(capped, uncapped).Warnings);
        Assert.Contains("different RUL caps", warning);
        Assert.Contains($"{uncapped} without a cap", warning);
        Assert.Contains($"{capped} capped at 125", warning);
    }

    [Fact]
    public void Models_with_different_features_are_compared_with_a_warning()
    {
        var (all, _) = _f.Model("fd001-30");
        var (few, _) = _f.Model("fd001-30-five", features: ["s2", "s3", "s4", "s7", "s11"]);

        var warning = Assert.Single(Compare(few, all).Warnings);
        Assert.Contains("different features", warning);
        Assert.Contains($"only {all} has s1, s10, s12, s13, s14 and 14 more", warning); // the 19 inputs the other lacks
        Assert.Contains($"only {few} has none", warning);
    }

    [Fact]
    public void Models_with_the_same_cap_and_features_bring_no_warning()
    {
        var (thirty, _) = _f.Model("fd001-30");
        var (twenty, _) = _f.Model("fd001-20", data: Fd001.Units(20));

        var r = Compare(thirty, twenty);

        Assert.Empty(r.Warnings);
        Assert.Equal(125, r.TargetCap);
    }
}
