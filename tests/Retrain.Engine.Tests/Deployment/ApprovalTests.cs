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

/// <summary>
/// Issue 14 item 5: a pipeline candidate waits in Staging for a person; approving publishes it (only over the champion
/// it was compared against), denying archives it, a request expires, and each is decided once, all read from the
/// registry's events.
/// </summary>
public sealed class ApprovalTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly PipelineFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-approval-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly RetrainOptions _options = ConfigurationLoader.Defaults();

    public ApprovalTests(PipelineFixture fixture)
    {
        _fixture = fixture;
        _store = new FileRetrainStore(_folder);
        string model = fixture.Model("deploy").Uri;
        for (int i = 0; i < 3; i++)
            ModelRegistration.Import(_store, "pm", model);
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/1"), reason: "first champion");
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private DeploymentRecord Request(int version, int? expected = 1, string reason = "mae 12% lower than v1") =>
        DeploymentWorkflow.RequestApproval(_store, _options, ModelUri.Parse($"models:/pm/{version}"), reason, expected);

    private int[] InProduction() => _store.ListVersions("pm").Where(v => v.Stage == ModelStage.Production).Select(v => v.Version).ToArray();

    private IReadOnlyList<PendingDeployment> Pending(bool includeExpired = false) => Approval.Pending(_store, "pm", DateTimeOffset.UtcNow, includeExpired);

    [Fact]
    public void A_request_holds_the_candidate_in_Staging_with_who_asked_why_and_until_when_and_Production_is_untouched()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        DeploymentRecord pending = Request(2);
        Assert.Equal((DeploymentStatus.PendingApproval, 2, 1, 0), (pending.DeploymentStatus, pending.ModelVersion, pending.PreviousVersion!.Value, pending.TrafficPercent));
        Assert.Equal(Environment.UserName, pending.User);
        Assert.InRange(pending.ExpiresAt!.Value, before.AddDays(7), DateTimeOffset.UtcNow.AddDays(7));
        Assert.Equal(ModelStage.Staging, _store.GetVersion("pm", 2).Stage);
        Assert.Equal(new[] { 1 }, InProduction());

        RegistryEvent e = _store.GetEvents("pm").Single(e => e.Sequence == pending.EventSequence);
        Assert.Equal("approval_requested", e.Details["deployment"]);
        Assert.Equal("1", e.Details["expected_version"]);
        Assert.Equal("mae 12% lower than v1", e.Reason);
        Assert.Equal(pending.ExpiresAt, DateTimeOffset.Parse(e.Details["expires_at"], System.Globalization.CultureInfo.InvariantCulture));

        PendingDeployment waiting = Assert.Single(Pending());
        Assert.Equal((2, Environment.UserName, Environment.MachineName, "mae 12% lower than v1", false, 1),
            (waiting.Version, waiting.RequestedBy, waiting.Machine, waiting.Reason, waiting.Expired, waiting.ExpectedCurrentVersion!.Value));
        Assert.Equal(e.Timestamp, waiting.RequestedAt);
        Assert.Equal(DeploymentAction.RequestedApproval, DeploymentHistory.Read(_store, "pm")[^1].Action);
        Run run = _store.GetRun(pending.RunId!);
        Assert.Equal((ExperimentNames.ModelDeployment, RunStatus.Finished, "PendingApproval"), (run.ExperimentName, run.Status, run.Params["status"]));
    }

    [Fact]
    public void Approving_publishes_through_the_promotion_and_records_the_approver_and_who_asked_and_it_is_decided_once()
    {
        DeploymentRecord request = Request(2);
        DeploymentRecord approved = DeploymentWorkflow.Approve(_store, _options, "pm", 2, "looked at the segments");
        Assert.Equal((DeploymentStatus.Deployed, 2, 1, 100), (approved.DeploymentStatus, approved.ModelVersion, approved.PreviousVersion!.Value, approved.TrafficPercent));
        Assert.Equal((Environment.UserName, Environment.UserName, "looked at the segments"), (approved.User, approved.RequestedBy, approved.Reason));
        Assert.Equal(new[] { 2 }, InProduction());
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 1).Stage);
        RegistryEvent e = _store.GetEvents("pm").Single(e => e.Sequence == approved.EventSequence);
        Assert.Equal(("approved", "1", request.EventSequence.ToString()), (e.Details["deployment"], e.Details["archived"], e.Details["request_sequence"]));
        Assert.Empty(Pending(includeExpired: true));

        var history = DeploymentHistory.Read(_store, "pm");
        Assert.Equal(new[] { DeploymentAction.Promoted, DeploymentAction.RequestedApproval, DeploymentAction.Approved }, history.Select(h => h.Action));
        Assert.Equal(Environment.UserName, history[^1].RequestedBy);

        int events = _store.GetEvents("pm").Count;
        var again = Fails(RetrainErrorKind.InvalidOperation, "ApprovalAlreadyDecided", () => DeploymentWorkflow.Approve(_store, _options, "pm", 2));
        Assert.Contains("was already approved by " + Environment.UserName, again.Message);
        Assert.Contains("reason 'looked at the segments'", again.Message);
        Fails(RetrainErrorKind.InvalidOperation, "ApprovalAlreadyDecided", () => DeploymentWorkflow.Deny(_store, _options, "pm", 2, "too late"));
        Assert.Equal(events, _store.GetEvents("pm").Count);
        // An approved version is a Production version like any other: a rollback goes back over it.
        Assert.Equal(1, DeploymentWorkflow.Rollback(_store, _options, "pm").ModelVersion);
    }

    [Fact]
    public void An_expired_request_is_refused_saying_when_it_expired_and_a_denial_still_closes_it()
    {
        ModelVersion v2 = _store.GetVersion("pm", 2);
        DeploymentRecord request = Approval.Request(_store, v2, 1, "won the comparison", TimeSpan.FromMilliseconds(1));
        Thread.Sleep(20);
        int events = _store.GetEvents("pm").Count;
        var e = Fails(RetrainErrorKind.InvalidOperation, "ApprovalExpired", () => DeploymentWorkflow.Approve(_store, _options, "pm", 2));
        Assert.Contains($"expired at {request.ExpiresAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", e.Message);
        Assert.Contains("deployment.approval_expiry_days", e.Message);
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal(new[] { 1 }, InProduction());

        Assert.Empty(Pending());
        PendingDeployment expired = Assert.Single(Pending(includeExpired: true));
        Assert.True(expired.Expired);
        // The same request, read a week ahead from a fresh one: expiry is computed from the recorded deadline.
        DeploymentRecord fresh = Request(3);
        Assert.Equal(new[] { 3 }, Approval.Pending(_store, "pm", DateTimeOffset.UtcNow, false).Select(p => p.Version));
        Assert.Empty(Approval.Pending(_store, "pm", fresh.ExpiresAt!.Value, false));

        DeploymentRecord denied = DeploymentWorkflow.Deny(_store, _options, "pm", 2, "expired; retrain on fresh data");
        Assert.Equal((DeploymentStatus.Denied, 2, 1), (denied.DeploymentStatus, denied.ModelVersion, denied.PreviousVersion!.Value));
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 2).Stage);
        Assert.Equal("denied", _store.GetEvents("pm").Single(x => x.Sequence == denied.EventSequence).Details["deployment"]);
    }

    [Fact]
    public void A_request_can_be_asked_again_once_it_expired_but_not_while_it_is_open()
    {
        Approval.Request(_store, _store.GetVersion("pm", 2), 1, "first try", TimeSpan.FromMilliseconds(1));
        Thread.Sleep(20);
        DeploymentRecord again = Request(2, reason: "second try");
        Assert.Equal("second try", Assert.Single(Pending()).Reason);
        var e = Fails(RetrainErrorKind.InvalidOperation, "ApprovalAlreadyPending", () => Request(2));
        Assert.Contains("reason 'second try'", e.Message);
        Assert.Contains("expires at", e.Message);
        Assert.Equal(DeploymentStatus.Deployed, DeploymentWorkflow.Approve(_store, _options, "pm", 2).DeploymentStatus);
        Assert.NotNull(again.EventSequence);
    }

    [Fact]
    public void Denying_needs_a_reason_archives_the_version_and_a_rollback_never_picks_it()
    {
        Request(2);
        int events = _store.GetEvents("pm").Count;
        Fails(RetrainErrorKind.InvalidArgument, "ReasonRequired", () => DeploymentWorkflow.Deny(_store, _options, "pm", 2, " "));
        Assert.Equal(events, _store.GetEvents("pm").Count);
        DeploymentRecord denied = DeploymentWorkflow.Deny(_store, _options, "pm", 2, "segment regime 3 regressed");
        Assert.Equal((DeploymentStatus.Denied, Environment.UserName, Environment.UserName, "segment regime 3 regressed"),
            (denied.DeploymentStatus, denied.User, denied.RequestedBy, denied.Reason));
        Assert.Equal(ModelStage.Archived, _store.GetVersion("pm", 2).Stage);
        Assert.Equal(new[] { 1 }, InProduction());
        Assert.Empty(Pending(includeExpired: true));
        Assert.Equal(DeploymentAction.Denied, DeploymentHistory.Read(_store, "pm")[^1].Action);
        Assert.Equal("Denied", _store.GetRun(denied.RunId!).Params["status"]);
        var e = Fails(RetrainErrorKind.InvalidOperation, "ApprovalAlreadyDecided", () => DeploymentWorkflow.Approve(_store, _options, "pm", 2));
        Assert.Contains("was already denied", e.Message);
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/3"));
        Assert.Equal(1, DeploymentWorkflow.Rollback(_store, _options, "pm").ModelVersion);
    }

    [Fact]
    public void A_version_nobody_asked_about_or_moved_out_of_Staging_by_hand_is_not_pending()
    {
        var never = Fails(RetrainErrorKind.InvalidOperation, "NoPendingApproval", () => DeploymentWorkflow.Approve(_store, _options, "pm", 3));
        Assert.Contains("models:/pm/3 is not waiting for approval: it is in None", never.Message);
        Assert.Contains("Get-PendingDeployment", never.Message);
        Request(2);
        _store.TransitionStage("pm", 2, ModelStage.None, false, "withdrawn");
        var withdrawn = Fails(RetrainErrorKind.InvalidOperation, "NoPendingApproval", () => DeploymentWorkflow.Deny(_store, _options, "pm", 2, "no"));
        Assert.Contains("reason 'withdrawn'", withdrawn.Message);
        Assert.Empty(Pending(includeExpired: true));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => DeploymentWorkflow.Approve(_store, _options, "pm", 9));
    }

    [Fact]
    public void Approval_publishes_only_over_the_champion_the_candidate_was_compared_against()
    {
        Request(2, expected: 1);
        DeploymentWorkflow.Publish(_store, _options, ModelUri.Parse("models:/pm/3"), reason: "hotfix");
        int events = _store.GetEvents("pm").Count;
        var e = Fails(RetrainErrorKind.InvalidOperation, "ProductionMoved", () => DeploymentWorkflow.Approve(_store, _options, "pm", 2));
        Assert.Contains("version 3 is in Production, not version 1 as expected", e.Message);
        Assert.Contains("reason 'hotfix'", e.Message);
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal(new[] { 3 }, InProduction());
        Assert.Single(Pending());
        // And a request against a champion that has moved already is refused at once.
        Fails(RetrainErrorKind.InvalidOperation, "ProductionMoved", () => Request(1, expected: 1));
    }

    [Fact]
    public void A_decision_on_a_request_another_person_decided_meanwhile_changes_nothing()
    {
        Request(2);
        PendingDeployment seenByDenier = Approval.RequireOpen(_store, "pm", 2, DateTimeOffset.UtcNow, allowExpired: true);
        DeploymentWorkflow.Approve(_store, _options, "pm", 2, "approver was faster");
        int events = _store.GetEvents("pm").Count;
        // Without the stage check under the store's lock this denial would archive the version now in Production.
        Fails(RetrainErrorKind.InvalidOperation, "StageMoved", () => Approval.Deny(_store, seenByDenier, "denier was slower"));
        Assert.Equal(events, _store.GetEvents("pm").Count);
        Assert.Equal(new[] { 2 }, InProduction());
    }

    [Fact]
    public void A_version_changed_while_it_waited_is_never_published_and_stays_pending()
    {
        Request(2);
        ModelVersion v2 = _store.GetVersion("pm", 2);
        File.AppendAllText(Path.Combine(_folder, "runs", v2.RunId!, "artifacts", "model", "model.zip"), "x");
        Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => DeploymentWorkflow.Approve(_store, _options, "pm", 2));
        Assert.Equal(new[] { 1 }, InProduction());
        Assert.Single(Pending());
    }

    [Fact]
    public void Asking_about_the_version_in_Production_changes_nothing_and_requests_get_the_publish_checks()
    {
        int events = _store.GetEvents("pm").Count;
        Assert.Equal(DeploymentStatus.AlreadyInProduction, Request(1).DeploymentStatus);
        Assert.Equal(events, _store.GetEvents("pm").Count);
        var options = ConfigurationLoader.Defaults();
        options.Deployment.Strategy = DeploymentStrategy.Canary;
        Fails(RetrainErrorKind.InvalidOperation, "StrategyNotAvailable",
            () => DeploymentWorkflow.RequestApproval(_store, options, ModelUri.Parse("models:/pm/2"), "x", 1));
        Assert.Empty(Pending(includeExpired: true));
    }
}
