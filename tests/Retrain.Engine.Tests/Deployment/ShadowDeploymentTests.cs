using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Pipeline;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Deployment;

/// <summary>Issue 14 item 3: a shadow scores beside Production without changing it; it ends when published, archived or ended by hand.</summary>
public sealed class ShadowDeploymentTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly PipelineFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-shadow-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly RetrainOptions _options = ConfigurationLoader.Defaults();

    public ShadowDeploymentTests(PipelineFixture fixture)
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

    private DeploymentRecord Publish(int version, DeploymentStrategy strategy = DeploymentStrategy.Direct, int? expected = null) =>
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse($"models:/pm/{version}"), strategy, "test", expected);

    private int? Shadow() => ShadowChange.Current(_store, "pm")?.Version;

    [Fact]
    public void A_shadow_leaves_Production_untouched_and_is_recorded_as_ShadowStarted()
    {
        Publish(1);
        var stages = _store.ListVersions("pm").Select(v => v.Stage).ToArray();
        DeploymentRecord shadow = Publish(2, DeploymentStrategy.Shadow);
        Assert.Equal((DeploymentStatus.ShadowStarted, DeploymentStrategy.Shadow, 2, 1, 0),
            (shadow.DeploymentStatus, shadow.Strategy, shadow.ModelVersion, shadow.PreviousVersion!.Value, shadow.TrafficPercent));
        Assert.Equal(stages, _store.ListVersions("pm").Select(v => v.Stage));
        Assert.Equal(2, Shadow());
        Assert.Equal(DeploymentRole.Shadow, _store.GetVersion("pm", 2).Role);
        RegistryEvent e = _store.GetEvents("pm").Single(e => e.Sequence == shadow.EventSequence);
        Assert.Equal((RegistryActions.SetRole, "Shadow"), (e.Action, e.Details[DeploymentDetails.Strategy]));
        Run run = _store.GetRun(shadow.RunId!);
        Assert.Equal((ExperimentNames.ModelDeployment, "Shadow", "ShadowStarted"), (run.ExperimentName, run.Params["strategy"], run.Params["status"]));
        DeploymentHistoryEntry entry = DeploymentHistory.Read(_store, "pm")[^1];
        Assert.Equal((DeploymentAction.ShadowStarted, 2, ModelStage.None, DeploymentRole.Shadow), (entry.Action, entry.Version, entry.Stage, entry.Role!.Value));
        // Again: nothing changes, and the record says no event made a change.
        int events = _store.GetEvents("pm").Count;
        Assert.Null(Publish(2, DeploymentStrategy.Shadow).EventSequence);
        Assert.Equal(events, _store.GetEvents("pm").Count);
    }

    [Fact]
    public void A_shadow_needs_a_Production_version_beside_it_and_is_refused_on_it_or_when_Production_moved()
    {
        var none = Fails(RetrainErrorKind.InvalidOperation, "ShadowWithoutProduction", () => Publish(2, DeploymentStrategy.Shadow));
        Assert.Contains("-Strategy Direct", none.Message);
        Publish(1);
        Fails(RetrainErrorKind.InvalidOperation, "RoleOnProduction", () => Publish(1, DeploymentStrategy.Shadow));
        Publish(3);
        Fails(RetrainErrorKind.InvalidOperation, "ProductionMoved", () => Publish(2, DeploymentStrategy.Shadow, expected: 1));
        Assert.Null(Shadow());
        Assert.Equal(3, _store.GetVersionByStage("pm", ModelStage.Production)!.Version);
    }

    [Fact]
    public void A_new_shadow_replaces_the_old_one_and_publishing_the_shadow_ends_it_in_the_same_change()
    {
        Publish(1);
        Publish(2, DeploymentStrategy.Shadow);
        DeploymentRecord third = Publish(3, DeploymentStrategy.Shadow);
        Assert.Equal(2, _store.GetEvents("pm").Single(e => e.Sequence == third.EventSequence).PreviousVersion);
        Assert.Equal(3, Shadow());
        int events = _store.GetEvents("pm").Count;
        DeploymentRecord promoted = Publish(3);
        Assert.Equal((DeploymentStatus.Deployed, 1), (promoted.DeploymentStatus, promoted.PreviousVersion!.Value));
        Assert.Equal(events + 1, _store.GetEvents("pm").Count);
        Assert.Null(Shadow());
        Assert.Equal(new[] { DeploymentRole.Shadow }, DeploymentHistory.Read(_store, "pm")[^1].EndedRoles);
    }

    [Fact]
    public void Ending_the_shadow_keeps_its_stage_and_Production_and_a_second_end_says_there_is_none()
    {
        Publish(1);
        Publish(2, DeploymentStrategy.Shadow);
        DeploymentRecord ended = DeploymentWorkflow.EndShadow(_store, _options, "pm", "it drifts");
        Assert.Equal((DeploymentStatus.ShadowEnded, 2, 1, "it drifts"), (ended.DeploymentStatus, ended.ModelVersion, ended.PreviousVersion!.Value, ended.Reason));
        Assert.Null(Shadow());
        Assert.Equal(ModelStage.None, _store.GetVersion("pm", 2).Stage);
        Assert.Equal(1, _store.GetVersionByStage("pm", ModelStage.Production)!.Version);
        Assert.Equal(DeploymentAction.ShadowEnded, DeploymentHistory.Read(_store, "pm")[^1].Action);
        var again = Fails(RetrainErrorKind.ObjectNotFound, "NoDeploymentRole", () => DeploymentWorkflow.EndShadow(_store, _options, "pm"));
        Assert.Contains("-Strategy Shadow", again.Message);
    }

    [Fact]
    public void A_tampered_version_never_becomes_the_shadow()
    {
        Publish(1);
        ModelVersion v2 = _store.GetVersion("pm", 2);
        File.AppendAllText(Path.Combine(_folder, "runs", v2.RunId!, "artifacts", "model", "model.zip"), "x");
        Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Publish(2, DeploymentStrategy.Shadow));
        Assert.Null(Shadow());
    }
}
