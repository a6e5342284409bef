using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Pipeline;
using Retrain.Engine.Tests.Training;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Deployment;

/// <summary>Issue 14 item 3: the shadow scored beside Production, both logged, and compared later on the outcomes joined to the log.</summary>
public sealed class ShadowComparisonTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-shadow-compare-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly RetrainOptions _options = PipelineFixture.Options();
    private readonly Dataset _rows;

    public ShadowComparisonTests(PipelineFixture fixture)
    {
        _store = new FileRetrainStore(_folder);
        ModelRegistration.Import(_store, "pm", fixture.Model("deploy").Uri);
        ModelRegistration.Import(_store, "pm", fixture.Model("shadow-forest", trainer: TrainerKind.FastForest).Uri);
        ModelRegistration.Import(_store, "pm", fixture.Model("deploy").Uri);
                DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/1"));
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/2"), DeploymentStrategy.Shadow);
        var unit = Fd001.Train.Column("unit");
        _rows = Fd001.Train.Where(r => unit[r] > 30 && unit[r] <= 45);
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private DeployedPredictions Score(string uri, Dataset data, bool record)
    {
        using var scoring = DeployedScoring.Load(_store, uri, _folder);
        return scoring.Score(_store, _options.Data, data, record);
    }

    private IReadOnlyList<PredictionEntry> Logged() => _store.ReadPredictions(new PredictionQuery { ModelName = "pm" });

    [Fact]
    public void Production_is_scored_with_its_shadow_and_both_predictions_of_every_row_are_logged_by_unit_and_cycle()
    {
        DeployedPredictions scored = Score("models:/pm/Production", _rows, record: true);
        Assert.Equal(("models:/pm/1", "models:/pm/2"), (scored.ProducedBy, scored.ShadowVersion));
        using (var shadow = ScoredModel.Load(_store, "models:/pm/2", _folder))
            Assert.Equal(shadow.Predict(_rows), scored.ShadowPredictions);
        Assert.NotEqual(scored.Predictions, scored.ShadowPredictions);
        var logged = Logged();
        Assert.Equal(2 * _rows.RowCount, logged.Count);
        Assert.Equal(scored.Batch!.BatchId, Assert.Single(logged.Select(e => e.BatchId).Distinct()));
        Assert.Equal((PredictionRole.Production, 1, "31", 1.0, scored.Predictions[0]), (logged[0].Role, logged[0].Version, logged[0].EquipmentId, logged[0].Cycle!.Value, logged[0].Prediction));
        Assert.Equal((PredictionRole.Shadow, 2, scored.ShadowPredictions![0]), (logged[1].Role, logged[1].Version, logged[1].Prediction));
        // Without -Record nothing is logged; a version that is not Production has no shadow beside it.
        Score("models:/pm/Production", _rows, record: false);
        Assert.Null(Score("models:/pm/3", _rows, record: false).ShadowPredictions);
        Assert.Equal(2 * _rows.RowCount, Logged().Count);
    }

    [Fact]
    public void Recording_needs_the_Production_version_and_the_rows_equipment_and_time_and_writes_nothing_otherwise()
    {
        var e = Fails(RetrainErrorKind.InvalidOperation, "RecordNeedsProduction", () => Score("models:/pm/3", _rows, record: true));
        Assert.Contains("models:/pm/3", e.Message);
        var noUnit = _rows.Select(_rows.ColumnNames.Where(c => c != "unit"));
        Assert.Contains("'unit'", Fails(RetrainErrorKind.InvalidData, "MissingColumn", () => Score("models:/pm/Production", noUnit, record: true)).Message);
        var noTime = _rows.Select(_rows.ColumnNames.Where(c => c != "cycle"));
        Assert.Contains("timestamp", Fails(RetrainErrorKind.InvalidData, "MissingColumn", () => Score("models:/pm/Production", noTime, record: true)).Message);
        Assert.Empty(Logged());
    }

    [Fact]
    public void The_comparison_on_the_log_joins_exactly_the_rows_both_scored_and_matches_scoring_them_again()
    {
        Score("models:/pm/Production", _rows, record: true);
        var unit = Fd001.Train.Column("unit");
        var outcomes = Fd001.Train.Where(r => unit[r] > 30 && unit[r] <= 50); // 5 units more than were scored
        ComparisonReport logged = ShadowComparison.Compare(_store, _options, outcomes, "pm");
        PredictionJoinSummary join = logged.ShadowJoin!;
        Assert.Equal((outcomes.RowCount, _rows.RowCount, outcomes.RowCount - _rows.RowCount, 0, 1),
            (join.OutcomeRows, join.JoinedRows, join.WithoutPrediction, join.NotScoredByBoth, join.Batches));
        Assert.Equal(("models:/pm/1", "models:/pm/2", _rows.RowCount, 15), (logged.Champion, logged.Challenger, logged.TestRows, logged.TestUnits!.Value));
        Assert.Contains($"{_rows.RowCount} of {outcomes.RowCount} outcomes joined", logged.Recommendation);
        // The same figures as scoring the same rows with both versions now: the log holds what they predicted.
        ComparisonReport direct = ModelComparison.Compare(_store, _options, "models:/pm/2", "models:/pm/1", _rows, log: false);
        Assert.Equal(direct.MetricsComparison.Champion!.Mae, logged.MetricsComparison.Champion!.Mae, 9);
        Assert.Equal(direct.MetricsComparison.Challenger.Mae, logged.MetricsComparison.Challenger.Mae, 9);
        Assert.Equal((direct.PValue, direct.Winner, direct.ShouldPromote), (logged.PValue, logged.Winner, logged.ShouldPromote));
        Assert.Equal(_rows.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture), _store.GetRun(logged.RunId!).Params["joined_rows"]);
    }

    [Fact]
    public void Outcomes_that_meet_no_logged_prediction_of_both_say_what_the_log_holds()
    {
        var none = Fails(RetrainErrorKind.InvalidData, "NoJoinedOutcomes", () => ShadowComparison.Compare(_store, _options, _rows, "pm"));
        Assert.Contains("Invoke-ModelPrediction -Record", none.Message);
        DeploymentWorkflow.EndShadow(_store, _options, "pm");
        Score("models:/pm/Production", _rows, record: true); // Production alone: no shadow to pair with
        var one = Fails(RetrainErrorKind.InvalidData, "NoJoinedOutcomes",
            () => ShadowComparison.Compare(_store, _options, _rows, challengerUri: "models:/pm/2"));
        Assert.Contains($"{_rows.RowCount} were not scored by both", one.Message);
        Assert.Contains("versions 1 (production)", one.Message);
        Fails(RetrainErrorKind.ObjectNotFound, "NoDeploymentRole", () => ShadowComparison.Compare(_store, _options, _rows, "pm"));
    }
}
