using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

// Registry: numbering, stages, aliases, updates, the event log.
public abstract partial class StoreContractTests
{
    [Fact]
    public void Versions_are_numbered_from_one_per_model_and_record_their_source()
    {
        Run run = RunWithModel(Store);
        ModelVersion v1 = Store.RegisterVersion("pm", run.RunId, "model", "first", new Dictionary<string, string> { ["data"] = "FD001" }, reason: "initial");
        ModelVersion other = Store.RegisterVersion("other", run.RunId, "model/");
        ModelVersion v2 = Store.RegisterVersion("pm", run.RunId, "model", metrics: new Dictionary<string, double> { ["mae"] = 9.5 });

        Assert.Equal((1, 1, 2), (v1.Version, other.Version, v2.Version));
        Assert.Equal(ModelStage.None, v1.Stage);
        Assert.Empty(v1.Aliases);
        Assert.Equal($"runs:/{run.RunId}/model", v1.Source);
        Assert.Equal($"runs:/{run.RunId}/model", other.Source);
        Assert.Equal(run.RunId, v1.RunId);
        Assert.Equal("models:/pm/1", v1.Uri);
        Assert.Equal("first", v1.Description);
        Assert.Equal("FD001", v1.Tags["data"]);
        Assert.Equal(12.5, v1.Metrics["mae"]); // the run's metrics when none are given
        Assert.Equal(9.5, v2.Metrics["mae"]);
        Assert.Equal(v1.ArtifactSha256, v2.ArtifactSha256);

        var models = Store.ListModels();
        Assert.Equal(new[] { "other", "pm" }, models.Select(m => m.Name));
        Assert.Equal(2, models.Single(m => m.Name == "pm").LatestVersion);
        Assert.Equal(new[] { 1, 2 }, Store.ListVersions("pm").Select(v => v.Version));
        Assert.Equal("first", Store.GetVersion("pm", 1).Description);
    }

    [Fact]
    public void Registering_needs_a_known_run_with_files_in_the_directory()
    {
        string unknown = Guid.NewGuid().ToString("N");
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.RegisterVersion("pm", unknown, "model"));
        Run run = Store.StartRun("training");
        var e = Fails(RetrainErrorKind.ObjectNotFound, "ArtifactNotFound", () => Store.RegisterVersion("pm", run.RunId, "model"));
        Assert.Equal($"runs:/{run.RunId}/model", e.Target);
        Assert.Empty(Store.ListModels());
        Assert.Empty(Store.GetEvents());
    }

    [Fact]
    public void Unknown_models_and_versions_are_errors_naming_them()
    {
        Assert.Equal("models:/ghost", Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => Store.ListVersions("ghost")).Target);
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => Store.GetVersion("ghost", 1));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => Store.GetVersionByStage("ghost", ModelStage.Production));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => Store.GetVersionByAlias("ghost", "champion"));
        Register(Store);
        var e = Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.GetVersion("pm", 9));
        Assert.Equal("models:/pm/9", e.Target);
        Assert.Contains("9", e.Message);
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.TransitionStage("pm", 9, ModelStage.Production, true, null));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.SetAlias("pm", "champion", 9, null));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => Store.UpdateVersion("pm", 9, "x", null, null, null));
    }

    [Fact]
    public void Promotion_archives_the_previous_production_version_in_the_same_change()
    {
        Register(Store);
        Register(Store);
        Assert.Null(Store.GetVersionByStage("pm", ModelStage.Production));

        Store.TransitionStage("pm", 1, ModelStage.Production, archiveExistingInStage: true, "first deployment");
        ModelVersion promoted = Store.TransitionStage("pm", 2, ModelStage.Production, archiveExistingInStage: true, "better MAE");

        Assert.Equal(ModelStage.Production, promoted.Stage);
        Assert.Equal(ModelStage.Archived, Store.GetVersion("pm", 1).Stage);
        Assert.Equal(2, Store.GetVersionByStage("pm", ModelStage.Production)!.Version);
        RegistryEvent promotion = Store.GetEvents("pm")[^1];
        Assert.Equal(RegistryActions.TransitionStage, promotion.Action);
        Assert.Equal(2, promotion.Version);
        Assert.Equal(1, promotion.PreviousVersion);
        Assert.Equal(ModelStage.Production, promotion.Stage);
        Assert.Equal("better MAE", promotion.Reason);
        Assert.Equal("1", promotion.Details["archived"]);
    }

    [Fact]
    public void Rollback_restores_an_archived_version_and_archives_the_current_one()
    {
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        Store.TransitionStage("pm", 2, ModelStage.Production, true, null);

        Store.TransitionStage("pm", 1, ModelStage.Production, true, "v2 misbehaves", new Dictionary<string, string> { ["strategy"] = "Direct" });

        Assert.Equal(new[] { ModelStage.Production, ModelStage.Archived }, Store.ListVersions("pm").Select(v => v.Stage));
        RegistryEvent rollback = Store.GetEvents()[^1];
        Assert.Equal((1, 2), (rollback.Version, rollback.PreviousVersion));
        Assert.Equal("Direct", rollback.Details["strategy"]);
        Assert.Equal("Archived", rollback.Details["previous_stage"]);
    }

    [Fact]
    public void Production_is_never_shared_so_promoting_without_archiving_fails()
    {
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        var e = Fails(RetrainErrorKind.InvalidOperation, "ProductionOccupied", () => Store.TransitionStage("pm", 2, ModelStage.Production, false, null));
        Assert.Equal("models:/pm/2", e.Target);
        Assert.Contains("Version 1", e.Message);
        Assert.Equal(new[] { ModelStage.Production, ModelStage.None }, Store.ListVersions("pm").Select(v => v.Stage));
        Assert.Equal(3, Store.GetEvents().Count);
    }

    [Fact]
    public void A_change_expecting_a_stage_the_version_has_left_changes_nothing_and_names_who_moved_it()
    {
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        Store.TransitionStage("pm", 2, ModelStage.Staging, false, null);
        // Two people decide one request at once: the approval goes first, the denial expected Staging and must not archive Production.
        Store.TransitionStage("pm", 2, ModelStage.Production, true, "approved", expectedStage: ModelStage.Staging);
        int events = Store.GetEvents().Count;
        var e = Fails(RetrainErrorKind.InvalidOperation, "StageMoved",
            () => Store.TransitionStage("pm", 2, ModelStage.Archived, false, "denied", expectedStage: ModelStage.Staging));
        Assert.Equal("models:/pm/2", e.Target);
        Assert.Contains("is in Production, not Staging as expected", e.Message);
        Assert.Contains("reason 'approved'", e.Message);
        Assert.Equal(events, Store.GetEvents().Count);
        Assert.Equal(new[] { ModelStage.Archived, ModelStage.Production }, Store.ListVersions("pm").Select(v => v.Stage));
        // Archived by another version's promotion counts as moved too, and names that promotion.
        var archived = Fails(RetrainErrorKind.InvalidOperation, "StageMoved",
            () => Store.TransitionStage("pm", 1, ModelStage.Production, true, null, expectedStage: ModelStage.Production));
        Assert.Contains("is in Archived, not Production as expected", archived.Message);
        Assert.Contains($"(event {events}, reason 'approved')", archived.Message);
    }

    [Fact]
    public void Staging_may_hold_several_versions_and_by_stage_returns_the_latest()
    {
        Register(Store);
        Register(Store);
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Staging, false, null);
        Store.TransitionStage("pm", 2, ModelStage.Staging, false, null);
        Assert.Equal(2, Store.GetVersionByStage("pm", ModelStage.Staging)!.Version);
        Assert.Equal(3, Store.GetVersionByStage("pm", ModelStage.None)!.Version);
        Assert.Null(Store.GetVersionByStage("pm", ModelStage.Archived));

        Store.TransitionStage("pm", 3, ModelStage.Staging, archiveExistingInStage: true, null);
        Assert.Equal(new[] { ModelStage.Archived, ModelStage.Archived, ModelStage.Staging }, Store.ListVersions("pm").Select(v => v.Stage));
    }

    [Fact]
    public void Aliases_are_set_moved_deleted_and_resolved()
    {
        Register(Store);
        Register(Store);
        ModelVersion v1 = Store.SetAlias("pm", "champion", 1, "initial");
        Assert.Equal(new[] { "champion" }, v1.Aliases);
        Store.SetAlias("pm", "challenger", 2, null);
        Assert.Equal(1, Store.GetVersionByAlias("pm", "champion").Version);

        ModelVersion moved = Store.SetAlias("pm", "champion", 2, "promoted");
        Assert.Equal(new[] { "challenger", "champion" }, moved.Aliases);
        Assert.Empty(Store.GetVersion("pm", 1).Aliases);
        Assert.Equal(2, Store.GetVersionByAlias("pm", "champion").Version);
        RegistryEvent move = Store.GetEvents()[^1];
        Assert.Equal((RegistryActions.SetAlias, 2, (int?)1, "champion"), (move.Action, move.Version!.Value, move.PreviousVersion, move.Details["alias"]));

        Store.DeleteAlias("pm", "challenger", "done");
        Assert.Equal(new[] { "champion" }, Store.GetVersion("pm", 2).Aliases);
        var e = Fails(RetrainErrorKind.ObjectNotFound, "ModelAliasNotFound", () => Store.GetVersionByAlias("pm", "challenger"));
        Assert.Equal("models:/pm@challenger", e.Target);
        Assert.Contains("challenger", e.Message);
        Fails(RetrainErrorKind.ObjectNotFound, "ModelAliasNotFound", () => Store.DeleteAlias("pm", "challenger", null));
        Assert.Equal(RegistryActions.DeleteAlias, Store.GetEvents().Last(ev => ev.Action != RegistryActions.SetAlias).Action);
    }

    [Fact]
    public void Update_sets_description_and_tags_and_removes_tags()
    {
        Run run = RunWithModel(Store);
        Store.RegisterVersion("pm", run.RunId, "model", "old", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        ModelVersion updated = Store.UpdateVersion("pm", 1, "new", new Dictionary<string, string> { ["a"] = "9", ["c"] = "3" }, new[] { "b" }, "annotate");
        Assert.Equal("new", updated.Description);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "9", ["c"] = "3" }, updated.Tags);

        ModelVersion kept = Store.UpdateVersion("pm", 1, null, null, new[] { "c", "never_set" }, null);
        Assert.Equal("new", kept.Description);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "9" }, kept.Tags);
        RegistryEvent e = Store.GetEvents()[^2];
        Assert.Equal((RegistryActions.UpdateVersion, "annotate", "new", "9", "b"), (e.Action, e.Reason, e.Details["description"], e.Details["tag.a"], e.Details["removed_tags"]));
    }

    [Fact]
    public void The_event_log_records_every_change_with_who_where_when_and_why()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        ModelVersion v1 = Register(Store, reason: "first model");
        Register(Store, "other");
        Store.TransitionStage("pm", 1, ModelStage.Production, true, "go live");
        Store.SetAlias("pm", "champion", 1, "tag it");
        Store.UpdateVersion("pm", 1, "desc", null, null, "describe");
        Store.DeleteAlias("pm", "champion", "untag");

        var events = Store.GetEvents();
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, events.Select(e => e.Sequence));
        Assert.Equal(new[] { RegistryActions.RegisterVersion, RegistryActions.RegisterVersion, RegistryActions.TransitionStage,
            RegistryActions.SetAlias, RegistryActions.UpdateVersion, RegistryActions.DeleteAlias }, events.Select(e => e.Action));
        Assert.Equal(new[] { "first model", null, "go live", "tag it", "describe", "untag" }, events.Select(e => e.Reason));
        Assert.All(events, e =>
        {
            Assert.Equal(Environment.UserName, e.User);
            Assert.Equal(Environment.MachineName, e.Machine);
            Assert.InRange(e.Timestamp, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        });
        Assert.Equal(events.Select(e => e.Timestamp).Order(), events.Select(e => e.Timestamp));

        RegistryEvent registration = events[0];
        Assert.Equal(("pm", 1, ModelStage.None), (registration.ModelName, registration.Version!.Value, registration.Stage!.Value));
        Assert.Equal(v1.Source, registration.Details["source"]);
        Assert.Equal(v1.RunId, registration.Details["run_id"]);
        Assert.Equal(v1.ArtifactSha256, registration.Details["artifact_sha256"]);

        Assert.Equal(5, Store.GetEvents("pm").Count);
        Assert.Equal(new long[] { 2 }, Store.GetEvents("other").Select(e => e.Sequence));
        Assert.Empty(Store.GetEvents("ghost"));
    }

    [Fact]
    public void Another_instance_sees_changes_made_after_it_first_read()
    {
        IRetrainStore reader = OpenStore();
        Assert.Empty(reader.ListModels());
        Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        Assert.Equal(ModelStage.Production, reader.GetVersion("pm", 1).Stage);
        Register(reader);
        Assert.Equal(2, Store.ListModels().Single().LatestVersion);
    }
}
