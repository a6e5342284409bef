using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Pipeline;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Deployment;

/// <summary>Issue 14: Direct publish and rollback, one atomic registry change each, checked before they change anything.</summary>
public sealed class DeploymentWorkflowTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly PipelineFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-deploy-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly RetrainOptions _options = ConfigurationLoader.Defaults();

    public DeploymentWorkflowTests(PipelineFixture fixture)
    {
        _fixture = fixture;
        _store = new FileRetrainStore(_folder);
        string model = fixture.Model("deploy").Uri;
        for (int i = 0; i < 3; i++)
            ModelRegistration.Import(_store, "pm", model);
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private DeploymentRecord Publish(int version, int? expected = null, string? reason = "test") =>
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse($"models:/pm/{version}"), reason: reason, expectedCurrentVersion: expected);

    private int[] InProduction() => _store.ListVersions("pm").Where(v => v.Stage == ModelStage.Production).Select(v => v.Version).ToArray();

    [Fact]
    public void Publishing_archives_the_previous_version_in_the_same_change_and_says_what_it_replaced()
    {
        DeploymentRecord first = Publish(1);
        Assert.Equal(DeploymentStatus.Deployed, first.DeploymentStatus);
        Assert.Null(first.PreviousVersion);
        DeploymentRecord second = Publish(2, reason: "better mae");
        Assert.Equal((2, 1, "better mae"), (second.ModelVersion, second.PreviousVersion!.Value, second.Reason));
        Assert.Equal(new[] { 2 }, InProduction());
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 1).Stage);
        RegistryEvent e = _store.GetEvents("pm").Single(e => e.Sequence == second.EventSequence);
        Assert.Equal("1", e.Details["archived"]);
        Assert.Equal(Environment.UserName, second.User);
        Run run = _store.GetRun(second.RunId!);
        Assert.Equal(ExperimentNames.ModelDeployment, run.ExperimentName);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("1", run.Params["previous_version"]);
    }

    [Fact]
    public void Publishing_the_version_in_Production_changes_nothing_and_says_so()
    {
        Publish(1);
        int events = _store.GetEvents("pm").Count;
        Assert.Equal(DeploymentStatus.AlreadyInProduction, Publish(1).DeploymentStatus);
        Assert.Equal(events, _store.GetEvents("pm").Count);
    }

    [Fact]
    public void A_stale_expected_version_is_refused_naming_who_moved_Production_and_nothing_changes()
    {
        Publish(1);
        Publish(2, reason: "moved by someone else");
        int events = _store.GetEvents("pm").Count;
        var e = Fails(RetrainErrorKind.InvalidOperation, "ProductionMoved", () => Publish(3, expected: 1));
        Assert.Contains("version 2 is in Production, not version 1 as expected", e.Message);
        Assert.Contains($"{Environment.UserName} on {Environment.MachineName} moved it", e.Message);
        Assert.Contains("reason 'moved by someone else'", e.Message);
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal(new[] { 2 }, InProduction());
        Assert.Equal(DeploymentStatus.Deployed, Publish(3, expected: 2).DeploymentStatus);
        Assert.Equal(DeploymentStatus.Deployed, DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/1"), expectedCurrentVersion: 3).DeploymentStatus);
    }

    [Fact]
    public void Rollback_goes_back_to_the_previous_version_and_never_to_one_rolled_back_from()
    {
        Publish(1);
        Publish(2);
        Publish(3);
        DeploymentRecord back = DeploymentWorkflow.Rollback(_store, _options, "pm", reason: "mae up");
        Assert.Equal((DeploymentStatus.RolledBack, 2, 3), (back.DeploymentStatus, back.ModelVersion, back.RolledBackFrom!.Value));
        Assert.Equal(new[] { 2 }, InProduction());
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 3).Stage);
        // Again: 3 was rolled back from, so the next one back is 1, not a bounce to 3.
        Assert.Equal(1, DeploymentWorkflow.Rollback(_store, _options, "pm").ModelVersion);
        var nothing = Fails(RetrainErrorKind.InvalidOperation, "NothingToRollBack", () => DeploymentWorkflow.Rollback(_store, _options, "pm"));
        Assert.Contains("-ToVersion", nothing.Message);
        Assert.Equal(3, DeploymentWorkflow.Rollback(_store, _options, "pm", toVersion: 3).ModelVersion);
        var history = DeploymentHistory.Read(_store, "pm");
        Assert.Equal(new[] { DeploymentAction.Promoted, DeploymentAction.Promoted, DeploymentAction.Promoted, DeploymentAction.RolledBack, DeploymentAction.RolledBack, DeploymentAction.RolledBack },
            history.Select(h => h.Action));
        Assert.Equal("mae up", history[3].Reason);
    }

    [Fact]
    public void Rollback_is_refused_when_turned_off_or_with_nothing_in_Production()
    {
        Fails(RetrainErrorKind.InvalidOperation, "NothingToRollBack", () => DeploymentWorkflow.Rollback(_store, _options, "pm"));
        Publish(1);
        var options = ConfigurationLoader.Defaults();
        options.Deployment.EnableRollback = false;
        Fails(RetrainErrorKind.InvalidOperation, "RollbackDisabled", () => DeploymentWorkflow.Rollback(_store, options, "pm", toVersion: 2));
        Fails(RetrainErrorKind.InvalidArgument, "RollbackToCurrent", () => DeploymentWorkflow.Rollback(_store, _options, "pm", toVersion: 1));
        Assert.Equal(new[] { 1 }, InProduction());
    }

    [Fact]
    public void A_tampered_version_is_never_promoted()
    {
        Publish(1);
        ModelVersion v2 = _store.GetVersion("pm", 2);
        string zip = Path.Combine(_folder, "runs", v2.RunId!, "artifacts", "model", "model.zip");
        File.AppendAllText(zip, "x");
        int events = _store.GetEvents("pm").Count;
        Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Publish(2));
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal(new[] { 1 }, InProduction());
    }

    [Fact]
    public void A_version_whose_model_does_not_load_is_never_promoted()
    {
        string broken = Path.Combine(_folder, "broken");
        Directory.CreateDirectory(broken);
        foreach (string file in Directory.GetFiles(_fixture.Model("deploy").Uri))
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(broken, "model.zip"), "not a zip");
        ModelVersion registered = ModelRegistration.Import(_store, "pm", broken);
        var e = Fails(RetrainErrorKind.InvalidData, "BadModelFile", () => Publish(registered.Version));
        Assert.Empty(InProduction());
        Assert.Contains("model.zip", e.Message);
    }

    [Fact]
    public void Approvals_publish_Direct_only()
    {
        var e = Fails(RetrainErrorKind.InvalidOperation, "StrategyNotAvailable", () =>
        {
            var o = ConfigurationLoader.Defaults();
            o.Deployment.Strategy = DeploymentStrategy.Canary;
            return DeploymentWorkflow.RequestApproval(_store, o, ModelUri.Parse("models:/pm/1"));
        });
        Assert.Contains("approvals publish Direct", e.Message);
        Assert.Empty(InProduction());
    }
}
