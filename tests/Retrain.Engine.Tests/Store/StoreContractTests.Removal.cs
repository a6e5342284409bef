using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

// Removal: a version's tombstone, and deleting a run; both refuse what would break a reader.
public abstract partial class StoreContractTests
{
    [Fact]
    public void A_removed_version_leaves_lookups_but_its_number_is_never_reused()
    {
        Register(Store);
        ModelVersion v2 = Register(Store);
        Register(Store);

        ModelVersion removed = Store.DeleteVersion("pm", 2, "bad data");
        Assert.Equal(v2.Uri, removed.Uri);
        Assert.Equal(new[] { 1, 3 }, Store.ListVersions("pm").Select(v => v.Version));
        var e = Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.GetVersion("pm", 2));
        Assert.Equal("models:/pm/2", e.Target);
        Assert.Contains("removed", e.Message);
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.ReadVersionFiles(v2));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.SetAlias("pm", "champion", 2, null));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.TransitionStage("pm", 2, ModelStage.Staging, false, null));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.UpdateVersion("pm", 2, "x", null, null, null));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.DeleteVersion("pm", 2, null));

        Assert.Equal(4, Register(Store).Version); // as MLflow: a deleted number stays taken
        Store.DeleteVersion("pm", 4, null);
        Assert.Equal(3, Store.ListModels().Single().LatestVersion);
        Assert.Equal(5, Register(OpenStore()).Version);
    }

    [Fact]
    public void A_removal_is_an_event_and_the_registrations_stay_contiguous_in_the_log()
    {
        Register(Store);
        Register(Store);
        Store.DeleteVersion("pm", 1, "superseded");
        Register(Store);

        var events = OpenStore().GetEvents("pm");
        Assert.Equal(new[] { RegistryActions.RegisterVersion, RegistryActions.RegisterVersion, RegistryActions.DeleteVersion, RegistryActions.RegisterVersion },
            events.Select(e => e.Action));
        Assert.Equal(new int?[] { 1, 2, 3 }, events.Where(e => e.Action == RegistryActions.RegisterVersion).Select(e => e.Version));
        RegistryEvent tombstone = events[2];
        Assert.Equal(1, tombstone.Version);
        Assert.Equal("superseded", tombstone.Reason);
        Assert.Equal(Environment.UserName, tombstone.User);
        Assert.Equal(Environment.MachineName, tombstone.Machine);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, events.Select(e => e.Sequence));
    }

    [Fact]
    public void A_version_in_production_or_holding_an_alias_is_not_removed()
    {
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        Store.SetAlias("pm", "champion", 2, null);

        var e = Fails(RetrainErrorKind.InvalidOperation, "VersionInProduction", () => Store.DeleteVersion("pm", 1, null));
        Assert.Equal("models:/pm/1", e.Target);
        Assert.Contains("roll back", e.Message);
        e = Fails(RetrainErrorKind.InvalidOperation, "VersionHasAlias", () => Store.DeleteVersion("pm", 2, null));
        Assert.Contains("'champion'", e.Message);
        Assert.Equal(2, Store.GetEvents().Count(ev => ev.Action != RegistryActions.RegisterVersion));

        Store.SetAlias("pm", "champion", 1, null);
        Store.DeleteVersion("pm", 2, null);
        Store.TransitionStage("pm", 1, ModelStage.Archived, false, null);
        Store.DeleteAlias("pm", "champion", null);
        Store.DeleteVersion("pm", 1, null);
        Assert.Empty(Store.ListVersions("pm"));
        Assert.Null(Store.GetVersionByStage("pm", ModelStage.Archived));
    }

    [Fact]
    public void A_removed_staging_version_is_not_archived_by_a_later_promotion()
    {
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Staging, false, null);
        Store.DeleteVersion("pm", 1, null);
        Store.TransitionStage("pm", 2, ModelStage.Staging, true, null);
        Assert.Null(Store.GetEvents().Last().PreviousVersion);
        Assert.Equal(2, Store.GetVersionByStage("pm", ModelStage.Staging)!.Version);
    }

    [Fact]
    public void A_run_is_removed_with_its_metrics_and_artifacts()
    {
        Run keep = RunWithModel(Store);
        Run run = RunWithModel(Store);
        Run removed = Store.DeleteRun(run.RunId);
        Assert.Equal(run.RunId, removed.RunId);
        Assert.Equal(12.5, removed.Metrics["mae"]);

        IRetrainStore other = OpenStore();
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => other.GetRun(run.RunId));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => other.ListArtifacts(run.RunId));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => other.GetMetricHistory(run.RunId, "mae"));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => other.DeleteRun(run.RunId));
        Assert.Equal(new[] { keep.RunId }, other.SearchRuns(new RunQuery()).Select(r => r.RunId));
        Assert.Equal(3, other.ListArtifacts(keep.RunId).Count);
    }

    [Fact]
    public void A_run_whose_files_back_a_version_is_not_removed_until_the_version_is()
    {
        ModelVersion v = Register(Store);
        var e = Fails(RetrainErrorKind.InvalidOperation, "RunBacksModelVersion", () => Store.DeleteRun(v.RunId!));
        Assert.Equal($"runs:/{v.RunId}", e.Target);
        Assert.Contains("models:/pm/1", e.Message);
        Assert.Equal("weights-1", ReadText(Store.OpenArtifact(v.RunId!, "model/model.zip")));

        Store.DeleteVersion("pm", 1, null);
        Store.DeleteRun(v.RunId!);
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.GetRun(v.RunId!));
        Assert.Equal(RegistryActions.DeleteVersion, Store.GetEvents().Last().Action); // the history stays
    }
}
