using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Pipeline;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Deployment;

/// <summary>
/// Issue 14 item 4: a canary serves the equipment routed to it by a fixed hash, steps through deployment.canary_steps
/// by gates judged on the same rows for both models, is promoted at 100 or aborted, and never moves on a stale gate.
/// </summary>
public sealed class CanaryTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-canary-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    // Both models judged against the true RUL capped at 125, whatever the canary was trained with.
    private readonly RetrainOptions _options = PipelineFixture.Options(targetCap: 125);
    private readonly Dataset _week;

    private readonly PipelineFixture _fixture;

    public CanaryTests(PipelineFixture fixture)
    {
        _fixture = fixture;
        _store = new FileRetrainStore(_folder);
        ModelRegistration.Import(_store, "pm", fixture.Model("deploy").Uri);                        // 1: Production
        ModelRegistration.Import(_store, "pm", fixture.Model("canary-forest", trainer: TrainerKind.FastForest).Uri); // 2: a fair rival
        ModelRegistration.Import(_store, "pm", fixture.Model("canary-capped-20", cap: 20).Uri);      // 3: predicts at most ~20 cycles: far worse
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/1"));
        var unit = Fd001.Train.Column("unit");
        _week = Fd001.Train.Where(r => unit[r] > 30); // units the models did not train on: 70 machines
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private DeploymentRecord StartCanary(int version) =>
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse($"models:/pm/{version}"), DeploymentStrategy.Canary, "try it");

    private DeploymentRecord Step(Dataset data) =>
        DeploymentWorkflow.StepCanary(_store, _options, "pm", CanaryEvaluation.FromLabelledData(_store, _options, "pm", data));

    private int[] InProduction() => _store.ListVersions("pm").Where(v => v.Stage == ModelStage.Production).Select(v => v.Version).ToArray();

    [Fact]
    public void Routing_is_xxhash32_of_the_ids_utf8_bytes_so_every_process_routes_a_machine_alike()
    {
        // Reference values of XXH32 with seed 0 from the xxHash project's own test vectors: the hash is the published algorithm.
        Assert.Equal(0x02CC5D05u % 100, (uint)CanaryRouting.Bucket(""));
        Assert.Equal(0x550D7456u % 100, (uint)CanaryRouting.Bucket("a"));
        Assert.Equal(0x32D153FFu % 100, (uint)CanaryRouting.Bucket("abc"));
        // Non-ASCII ids hash their UTF-8 bytes, not UTF-16 code units.
        Assert.Equal(System.IO.Hashing.XxHash32.HashToUInt32("Pumpe-Ä7"u8) % 100, (uint)CanaryRouting.Bucket("Pumpe-Ä7"));
    }

    [Fact]
    public void A_machine_on_the_canary_at_a_small_share_stays_on_it_at_a_larger_one_and_the_share_is_close_to_the_percent()
    {
        string[] ids = Enumerable.Range(1, 20000).Select(i => $"engine-{i}").ToArray();
        foreach (int small in new[] { 1, 10, 50 })
            foreach (int large in new[] { 10, 50, 99 }.Where(l => l > small))
                Assert.All(ids.Where(id => CanaryRouting.ServedByCanary(id, small)), id => Assert.True(CanaryRouting.ServedByCanary(id, large), id));
        // 20000 ids at 10%: a binomial share has a standard deviation of 0.21 points; 1 point is about 5 of them.
        double share = ids.Count(id => CanaryRouting.ServedByCanary(id, 10)) / (double)ids.Length;
        Assert.InRange(share, 0.09, 0.11);
        Assert.DoesNotContain(ids, id => CanaryRouting.ServedByCanary(id, 0));
        Assert.All(ids, id => Assert.True(CanaryRouting.ServedByCanary(id, 100)));
    }

    [Fact]
    public void Publishing_a_canary_puts_it_on_the_first_step_and_leaves_Production_alone()
    {
        DeploymentRecord started = StartCanary(2);
        Assert.Equal((DeploymentStatus.CanaryStarted, DeploymentStrategy.Canary, 10, 1), (started.DeploymentStatus, started.Strategy, started.TrafficPercent, started.PreviousVersion!.Value));
        Assert.Equal(new[] { 1 }, InProduction());
        RoleAssignment held = CanaryChange.Current(_store, "pm")!;
        Assert.Equal((2, 10), (held.Version, held.TrafficPercent!.Value));
        DeploymentHistoryEntry entry = DeploymentHistory.Read(_store, "pm").Last();
        Assert.Equal((DeploymentAction.CanaryStarted, 10, DeploymentStrategy.Canary), (entry.Action, entry.TrafficPercent!.Value, entry.Strategy!.Value));
        // Again: nothing changes.
        int events = _store.GetEvents("pm").Count;
        Assert.Null(StartCanary(2).EventSequence);
        Assert.Equal(events, _store.GetEvents("pm").Count);
    }

    [Fact]
    public void Without_Production_there_is_no_canary()
    {
        using var empty = new FileRetrainStore(Path.Combine(_folder, "empty"));
        ModelRegistration.Import(empty, "pm", _fixture.Model("deploy").Uri);
        var e = Fails(RetrainErrorKind.InvalidOperation, "CanaryWithoutProduction",
            () => DeploymentWorkflow.Publish(empty, _options, ModelUri.Parse("models:/pm/1"), DeploymentStrategy.Canary));
        Assert.Contains("publish one with -Strategy Direct first", e.Message);
        Assert.Empty(empty.GetRoles("pm"));
    }

    [Fact]
    public void Scoring_serves_the_canarys_machines_with_the_canary_and_records_Production_for_every_row()
    {
        StartCanary(2);
        using var scoring = DeployedScoring.Load(_store, "models:/pm/Production", _folder);
        DeployedPredictions scored = scoring.Score(_store, _options.Data, _week, record: true);
        var ids = _week.Labels("unit");
        bool[] onCanary = Enumerable.Range(0, _week.RowCount).Select(r => CanaryRouting.ServedByCanary(ids[r], 10)).ToArray();
        Assert.Equal(onCanary.Count(c => c), scored.CanaryRows);
        Assert.InRange(scored.CanaryRows, 1, _week.RowCount - 1);
        using var production = ScoredModel.Load(_store, "models:/pm/1", _folder);
        using var canary = ScoredModel.Load(_store, "models:/pm/2", _folder);
        double[] p = production.Predict(_week), c = canary.Predict(_week);
        for (int r = 0; r < _week.RowCount; r++)
        {
            Assert.Equal(onCanary[r] ? c[r] : p[r], scored.Predictions[r]);
            Assert.Equal(onCanary[r] ? "models:/pm/2" : "models:/pm/1", scored.ServedBy![r]);
        }
        var logged = _store.ReadPredictions(new PredictionQuery { ModelName = "pm" });
        Assert.Equal(_week.RowCount, logged.Count(e => e.Role == PredictionRole.Production && e.Version == 1));
        Assert.Equal(scored.CanaryRows, logged.Count(e => e.Role == PredictionRole.Canary && e.Version == 2));
        Assert.All(logged.Where(e => e.Role == PredictionRole.Canary), e => Assert.True(CanaryRouting.ServedByCanary(e.EquipmentId, 10)));
    }

    [Fact]
    public void Passing_gates_move_the_canary_through_its_steps_and_the_last_one_promotes_it_as_Direct_would()
    {
        StartCanary(2);
        DeploymentRecord advanced = Step(_week);
        Assert.Equal((DeploymentStatus.CanaryAdvanced, 50), (advanced.DeploymentStatus, advanced.TrafficPercent));
        Assert.Equal((CanaryGateOutcome.Successful, 10, 50), (advanced.Gate!.Outcome, advanced.Gate.TrafficPercent, advanced.Gate.NextPercent!.Value));
        Assert.True(advanced.Gate.Units >= _options.Deployment.CanaryMinUnits && advanced.Gate.Rows >= _options.Deployment.CanaryMinRows, advanced.Gate.Message);
        Assert.True(advanced.Gate.RegressionPct <= _options.Deployment.CanaryMaxRegressionPct, advanced.Gate.Message);
        Assert.Equal(new[] { 1 }, InProduction());

        DeploymentRecord promoted = Step(_week);
        Assert.Equal((DeploymentStatus.Deployed, DeploymentStrategy.Canary, 100, 1), (promoted.DeploymentStatus, promoted.Strategy, promoted.TrafficPercent, promoted.PreviousVersion!.Value));
        Assert.Equal(new[] { 2 }, InProduction());
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 1).Stage);
        Assert.Null(CanaryChange.Current(_store, "pm"));

        var history = DeploymentHistory.Read(_store, "pm").TakeLast(3).ToArray();
        Assert.Equal(new[] { DeploymentAction.CanaryStarted, DeploymentAction.CanaryAdvanced, DeploymentAction.Promoted }, history.Select(h => h.Action));
        Assert.Equal(new int?[] { 10, 50, 100 }, history.Select(h => h.TrafficPercent));
        Assert.Equal(new CanaryGateOutcome?[] { null, CanaryGateOutcome.Successful, CanaryGateOutcome.Successful }, history.Select(h => h.Gate));
        Assert.Equal(new[] { DeploymentRole.Canary }, history[2].EndedRoles);
        Run run = _store.GetRun(promoted.RunId!);
        Assert.Equal((ExperimentNames.ModelDeployment, "Successful"), (run.ExperimentName, run.Params["gate_outcome"]));
    }

    [Fact]
    public void A_canary_worse_than_allowed_is_aborted_with_the_figures_and_Production_is_untouched()
    {
        StartCanary(3);
        DeploymentRecord aborted = Step(_week);
        Assert.Equal(DeploymentStatus.CanaryAborted, aborted.DeploymentStatus);
        Assert.Equal(CanaryGateOutcome.Failed, aborted.Gate!.Outcome);
        Assert.True(aborted.Gate.RegressionPct > 100, aborted.Gate.Message); // a model that never predicts more than ~20 cycles
        Assert.Contains("the canary is aborted, Production is unchanged", aborted.Gate.Message);
        Assert.Null(CanaryChange.Current(_store, "pm"));
        Assert.Equal(new[] { 1 }, InProduction());
        Assert.Equal(ModelStage.None, _store.GetVersion("pm", 3).Stage);
        RegistryEvent e = _store.GetEvents("pm").Single(e => e.Sequence == aborted.EventSequence);
        Assert.Equal(("Failed", "canary_aborted"), (e.Details["gate_outcome"], e.Details["deployment"]));
        Assert.StartsWith("canary gate failed: on ", e.Reason);
        DeploymentHistoryEntry entry = DeploymentHistory.Read(_store, "pm").Last();
        Assert.Equal((DeploymentAction.CanaryAborted, CanaryGateOutcome.Failed), (entry.Action, entry.Gate!.Value));
    }

    [Fact]
    public void Too_few_labelled_rows_or_machines_hold_the_canary_where_it_is_and_say_what_is_missing()
    {
        StartCanary(2);
        int events = _store.GetEvents("pm").Count;
        var ids = _week.Labels("unit");
        // Only the canary's first two machines: plenty of rows, too few machines.
        var two = Enumerable.Range(0, _week.RowCount).Where(r => CanaryRouting.ServedByCanary(ids[r], 10)).Select(r => ids[r]).Distinct().Take(2).ToHashSet();
        DeploymentRecord held = Step(_week.Where(r => two.Contains(ids[r])));
        Assert.Equal((DeploymentStatus.CanaryHeld, 10), (held.DeploymentStatus, held.TrafficPercent));
        Assert.Equal(CanaryGateOutcome.Inconclusive, held.Gate!.Outcome);
        Assert.Contains("2 machines among them, at least 3 needed (deployment.canary_min_units)", held.Gate.Message);
        Assert.Null(held.EventSequence);
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal("Inconclusive", _store.GetRun(held.RunId!).Params["gate_outcome"]);
        // No row of the canary's machines at all.
        var none = Step(_week.Where(r => !CanaryRouting.ServedByCanary(ids[r], 10)));
        Assert.Contains("0 labelled rows of the canary's equipment, at least 200 needed (deployment.canary_min_rows)", none.Gate!.Message);
    }

    [Fact]
    public void A_gate_on_recorded_predictions_joins_the_outcomes_to_what_both_models_logged_since_the_step_began()
    {
        StartCanary(2);
        var before = CanaryEvaluation.FromRecordedOutcomes(_store, _options, "pm", _week);
        Assert.Equal((CanaryGateOutcome.Inconclusive, 0), (before.Outcome, before.Rows));
        using (var scoring = DeployedScoring.Load(_store, "models:/pm/Production", _folder))
            scoring.Score(_store, _options.Data, _week, record: true);
        CanaryGateResult gate = CanaryEvaluation.FromRecordedOutcomes(_store, _options, "pm", _week);
        CanaryGateResult scoredNow = CanaryEvaluation.FromLabelledData(_store, _options, "pm", _week);
        // The same rows and the same predictions, recorded then or scored now.
        Assert.Equal((scoredNow.Outcome, scoredNow.Rows, scoredNow.Units), (gate.Outcome, gate.Rows, gate.Units));
        Assert.Equal(scoredNow.CanaryMae!.Value, gate.CanaryMae!.Value, 9);
        Assert.Equal(scoredNow.ProductionMae!.Value, gate.ProductionMae!.Value, 9);
        // Predictions logged before the canary reached 50% do not count for the 50% step.
        DeploymentWorkflow.StepCanary(_store, _options, "pm", gate);
        Assert.Equal(0, CanaryEvaluation.FromRecordedOutcomes(_store, _options, "pm", _week).Rows);
    }

    [Fact]
    public void A_gate_is_not_acted_on_once_the_canary_moved_and_an_aborted_canary_is_not_revived()
    {
        StartCanary(2);
        CanaryGateResult stale = CanaryEvaluation.FromLabelledData(_store, _options, "pm", _week);
        DeploymentWorkflow.StepCanary(_store, _options, "pm", CanaryEvaluation.FromLabelledData(_store, _options, "pm", _week)); // someone else moved it to 50
        int events = _store.GetEvents("pm").Count;
        var e = Fails(RetrainErrorKind.InvalidOperation, "GateOutdated", () => DeploymentWorkflow.StepCanary(_store, _options, "pm", stale));
        Assert.Contains("is now models:/pm/2 at 50%", e.Message);
        Assert.Equal(events, _store.GetEvents("pm").Count);

        CanaryGateResult judged = CanaryEvaluation.FromLabelledData(_store, _options, "pm", _week);
        DeploymentWorkflow.AbortCanary(_store, _options, "pm", "plant alarm");
        Fails(RetrainErrorKind.ObjectNotFound, "NoDeploymentRole", () => DeploymentWorkflow.StepCanary(_store, _options, "pm", judged));
        Assert.Null(CanaryChange.Current(_store, "pm"));
        Assert.Equal(new[] { 1 }, InProduction());
    }

    [Fact]
    public void The_store_refuses_a_role_change_made_against_a_role_that_moved_naming_who_moved_it()
    {
        StartCanary(2);
        RoleAssignment read = CanaryChange.Current(_store, "pm")!;
        _store.SetRole("pm", DeploymentRole.Canary, 2, 50, "moved by someone else", expectedRole: RoleExpectation.Of(DeploymentRole.Canary, read));
        int events = _store.GetEvents("pm").Count;
        var stale = RoleExpectation.Of(DeploymentRole.Canary, read);
        var e = Fails(RetrainErrorKind.InvalidOperation, "RoleMoved", () => _store.SetRole("pm", DeploymentRole.Canary, 2, 99, null, expectedRole: stale));
        Assert.Contains("version 2 is the canary at 50%", e.Message);
        Assert.Contains("reason 'moved by someone else'", e.Message);
        Fails(RetrainErrorKind.InvalidOperation, "RoleMoved", () => _store.EndRole("pm", DeploymentRole.Canary, null, expectedRole: stale));
        Fails(RetrainErrorKind.InvalidOperation, "RoleMoved", () => _store.TransitionStage("pm", 2, ModelStage.Production, true, null, expectedRole: stale));
        Fails(RetrainErrorKind.InvalidOperation, "RoleMoved", () =>
            _store.SetRole("pm", DeploymentRole.Shadow, 3, null, null, expectedRole: new RoleExpectation(DeploymentRole.Canary, null)));
        Assert.Equal(events, _store.GetEvents("pm").Count);
    }

    [Fact]
    public void Full_promotes_the_canary_at_once_without_a_gate()
    {
        StartCanary(3);
        DeploymentRecord promoted = DeploymentWorkflow.StepCanary(_store, _options, "pm", null, "signed off");
        Assert.Equal((DeploymentStatus.Deployed, DeploymentStrategy.Canary, (CanaryGateResult?)null), (promoted.DeploymentStatus, promoted.Strategy, promoted.Gate));
        Assert.Equal(new[] { 3 }, InProduction());
        Assert.Null(CanaryChange.Current(_store, "pm"));
    }
}
