using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Tests.Training;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>
/// Issue 12's case: two models compared on 20 held-out FD003 engines. The row-level paired t-test, over thousands
/// of correlated rows, calls the difference certain; the engines do not, and the decision follows the engines.
/// </summary>
public sealed class ModelComparisonUnitsTests : IClassFixture<PipelineFixture>
{
    private static readonly Lazy<Dataset> Fd003 = new(() => CmapssReader.Read(Tests.Data.TestData.Cmapss("train_FD003.txt.gz"), addRunToFailureRul: true));
    private readonly PipelineFixture _f;

    public ModelComparisonUnitsTests(PipelineFixture fixture) => _f = fixture;

    private static Dataset Engines(Func<double, bool> keep)
    {
        var unit = Fd003.Value.Column("unit");
        return Fd003.Value.Where(r => keep(unit[r]));
    }

    [Fact]
    public void On_20_held_out_FD003_engines_the_decision_follows_the_engines_not_the_rows()
    {
        var training = Engines(u => u <= 80);
        var (champion, _) = _f.Model("fd003-lightgbm", data: training, trainer: TrainerKind.LightGbm);
        var (challenger, _) = _f.Model("fd003-fastforest", data: training, trainer: TrainerKind.FastForest);
        var heldOut = Engines(u => u > 80);
        var options = PipelineFixture.Options();
        options.ModelComparison.MinImprovementPct = 3; // so that significance is the only condition in question

        var byUnits = ModelComparison.Compare(_f.Store, options, challenger, champion, heldOut, log: false);

        Assert.Equal(SignificanceBasis.Units, byUnits.SignificanceBasis);
        Assert.Equal(20, byUnits.UnitCount);
        Assert.InRange(byUnits.ImprovementPct, 3, 10);
        Assert.True(byUnits.RowPValue < 1e-10, $"row-level p {byUnits.RowPValue}");
        Assert.True(byUnits.UnitPValue > 0.05, $"unit-level p {byUnits.UnitPValue}");
        Assert.Equal(byUnits.UnitPValue, byUnits.PValue);
        Assert.Equal(ModelComparer.Tie, byUnits.Winner);
        Assert.False(byUnits.ShouldPromote);
        Assert.Contains("but not significantly (paired t-test over 20 units, p = ", byUnits.Recommendation);
        Assert.Contains("Per row p = ", byUnits.Recommendation);

        // The same rows without the unit column: the rows decide, and their tiny p would have promoted.
        options.Data.GroupColumn = null;
        var byRows = ModelComparison.Compare(_f.Store, options, challenger, champion, heldOut, log: false);

        Assert.Equal(SignificanceBasis.Rows, byRows.SignificanceBasis);
        Assert.Null(byRows.UnitPValue);
        Assert.Equal(byUnits.RowPValue, byRows.PValue);
        Assert.True(byRows.ShouldPromote, byRows.Recommendation);
    }
}
