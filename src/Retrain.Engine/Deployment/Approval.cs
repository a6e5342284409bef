using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// Approval requests, read and written as registry events alone (no file of their own, so every backend has them and
/// they survive any crash as the registry does). A request moves the candidate to Staging with
/// <c>deployment=approval_requested</c>, its deadline and the Production version it was compared against; an
/// approval is a promotion recording who asked; a denial moves the version to Archived, so it leaves Staging and no
/// rollback or stage lookup ever picks it (None would make it look like a fresh registration that nobody judged yet).
/// A request is open while the version's latest stage change is that request; whoever decides first wins, because
/// every decision is made only if the version is still in Staging when the store writes it.
/// </summary>
public static class Approval
{
    /// <summary>
    /// Holds <paramref name="version"/> for approval: Staging, with a deadline <paramref name="expiry"/> from now. With
    /// <paramref name="expectedCurrent"/> (0: none), the request is refused (ProductionMoved) if Production no longer holds
    /// the champion it was compared against. A version already in Production is AlreadyInProduction, nothing changed.
    /// </summary>
    public static DeploymentRecord Request(IModelRegistryStore store, ModelVersion version, int? expectedCurrent, string? reason, TimeSpan expiry)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        var (now, user, machine) = RegistryRules.Stamp();
        int? production = store.GetVersionByStage(version.Name, ModelStage.Production)?.Version;
        if (production == version.Version)
            return new DeploymentRecord
            {
                ModelName = version.Name, ModelVersion = version.Version, PreviousVersion = version.Version, Strategy = DeploymentStrategy.Direct,
                DeploymentStatus = DeploymentStatus.AlreadyInProduction, TrafficPercent = 100, Timestamp = now, User = user, Machine = machine, Reason = reason,
            };
        if (Pending(store, version.Name, now, includeExpired: false).FirstOrDefault(p => p.Version == version.Version) is PendingDeployment open)
            throw new RetrainException("ApprovalAlreadyPending", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} already waits for approval: {open.Describe()}. Approve it (Approve-ModelDeployment) or deny it (Deny-ModelDeployment).", version.Uri);
        var details = DeploymentEvent.Details(DeploymentDetails.ApprovalRequested, out string id, trafficPercent: 0);
        details[DeploymentDetails.ExpiresAt] = DeploymentEvent.WriteTime(now + expiry);
        if (expectedCurrent is int expected)
            details[DeploymentDetails.ExpectedVersion] = expected.ToString(CultureInfo.InvariantCulture);
        // Checked with the change: the champion is still the one compared against, and nobody moved the version meanwhile.
        store.TransitionStage(version.Name, version.Version, ModelStage.Staging, archiveExistingInStage: false, reason, details, expectedCurrent, version.Stage);
        return DeploymentEvent.Record(DeploymentEvent.Find(store, version.Name, id), DeploymentStatus.PendingApproval, production);
    }

    /// <summary>
    /// Publishes the pending version <paramref name="request"/> names, recording who asked: only over the Production
    /// version it was compared against (else the one in Production now, so two approvals at once cannot both go through),
    /// and only while it is still in Staging.
    /// </summary>
    public static DeploymentRecord Approve(IModelRegistryStore store, ModelVersion version, PendingDeployment request, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(request);
        int expected = request.ExpectedCurrentVersion ?? store.GetVersionByStage(version.Name, ModelStage.Production)?.Version ?? 0;
        return ProductionChange.Promote(store, version, expected, reason, DeploymentDetails.Approved, Decision(request), ModelStage.Staging);
    }

    /// <summary>Refuses the request: the version goes to Archived (only while it is still in Staging), with the reason.</summary>
    public static DeploymentRecord Deny(IModelRegistryStore store, PendingDeployment request, string reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var details = DeploymentEvent.Details(DeploymentDetails.Denied, out string id, trafficPercent: 0);
        foreach (var (key, value) in Decision(request))
            details[key] = value;
        int? production = store.GetVersionByStage(request.ModelName, ModelStage.Production)?.Version;
        store.TransitionStage(request.ModelName, request.Version, ModelStage.Archived, archiveExistingInStage: false, reason, details, expectedStage: ModelStage.Staging);
        return DeploymentEvent.Record(DeploymentEvent.Find(store, request.ModelName, id), DeploymentStatus.Denied, production);
    }

    /// <summary>
    /// The open request for the version, or the error saying why there is none: it was never asked for
    /// (NoPendingApproval, naming the change that moved it last), it was decided (ApprovalAlreadyDecided: by whom, when,
    /// why), or, unless <paramref name="allowExpired"/>, its deadline passed (ApprovalExpired: when).
    /// </summary>
    public static PendingDeployment RequireOpen(IModelRegistryStore store, string name, int version, DateTimeOffset now, bool allowExpired)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreNames.ValidateModelName(name);
        ModelVersion v = store.GetVersion(name, version);
        LastStageChanges(store.GetEvents(name)).TryGetValue(version, out RegistryEvent? last);
        string? kind = last?.Version == version ? last.Details.GetValueOrDefault(DeploymentDetails.Kind) : null;
        if (kind == DeploymentDetails.ApprovalRequested && v.Stage == ModelStage.Staging)
        {
            PendingDeployment open = ToPending(last!, now);
            if (open.Expired && !allowExpired)
                throw new RetrainException("ApprovalExpired", RetrainErrorKind.InvalidOperation,
                    $"The request to deploy {v.Uri} expired at {Show(open.ExpiresAt)} ({open.RequestedBy} on {open.Machine} asked at {Show(open.RequestedAt)}{Why(open.Reason)}; " +
                    "deployment.approval_expiry_days). Nothing changed. Deny it to close it, and compare again for a new request, or publish it yourself with Publish-ProductionModel.", v.Uri);
            return open;
        }
        if (kind is DeploymentDetails.Approved or DeploymentDetails.Denied)
            throw new RetrainException("ApprovalAlreadyDecided", RetrainErrorKind.InvalidOperation,
                $"The request to deploy {v.Uri} was already {kind} by {last!.User} on {last.Machine} at {Show(last.Timestamp)} (event {last.Sequence}{Why(last.Reason)}). Nothing changed.", v.Uri);
        string since = last is null ? "" : $", since {last.User} on {last.Machine} moved it at {Show(last.Timestamp)} (event {last.Sequence}{Why(last.Reason)})";
        throw new RetrainException("NoPendingApproval", RetrainErrorKind.InvalidOperation,
            $"{v.Uri} is not waiting for approval: it is in {v.Stage}{since}. Get-PendingDeployment lists the versions that are.", v.Uri);
    }

    /// <summary>The open requests of a model (or of every model), oldest first; expired ones only with <paramref name="includeExpired"/>.</summary>
    public static IReadOnlyList<PendingDeployment> Pending(IModelRegistryStore store, string? name, DateTimeOffset now, bool includeExpired)
    {
        ArgumentNullException.ThrowIfNull(store);
        var names = name is null ? store.ListModels().Select(m => m.Name) : new[] { name };
        var pending = new List<PendingDeployment>();
        foreach (string model in names)
        {
            var last = LastStageChanges(store.GetEvents(model));
            foreach (ModelVersion v in store.ListVersions(model).Where(v => v.Stage == ModelStage.Staging))
                if (last.TryGetValue(v.Version, out RegistryEvent? e) && e.Version == v.Version
                    && e.Details.GetValueOrDefault(DeploymentDetails.Kind) == DeploymentDetails.ApprovalRequested)
                    pending.Add(ToPending(e, now));
        }
        return pending.Where(p => includeExpired || !p.Expired).OrderBy(p => p.RequestedAt).ThenBy(p => p.ModelName, StringComparer.Ordinal).ToList();
    }

    /// <summary>What an approval or a denial records of the request it decides.</summary>
    private static Dictionary<string, string> Decision(PendingDeployment request) => new()
    {
        [DeploymentDetails.RequestedBy] = request.RequestedBy,
        [DeploymentDetails.RequestSequence] = request.EventSequence.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Per version, the last event that changed its stage: its own transitions, and promotions that archived it.</summary>
    private static Dictionary<int, RegistryEvent> LastStageChanges(IReadOnlyList<RegistryEvent> events)
    {
        var last = new Dictionary<int, RegistryEvent>();
        foreach (RegistryEvent e in events.Where(e => e.Action == RegistryActions.TransitionStage && e.Version is int))
        {
            last[e.Version!.Value] = e;
            foreach (string archived in (e.Details.GetValueOrDefault("archived") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(archived, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
                    last[v] = e;
        }
        return last;
    }

    private static PendingDeployment ToPending(RegistryEvent e, DateTimeOffset now)
    {
        // A deadline that cannot be read cannot be met: such a request counts as expired when it was made.
        DateTimeOffset expires = DeploymentEvent.Time(e, DeploymentDetails.ExpiresAt) ?? e.Timestamp;
        return new PendingDeployment
        {
            ModelName = e.ModelName,
            Version = e.Version!.Value,
            RequestedBy = e.User,
            Machine = e.Machine,
            RequestedAt = e.Timestamp,
            Reason = e.Reason,
            ExpiresAt = expires,
            Expired = expires <= now,
            ExpectedCurrentVersion = DeploymentEvent.Number(e, DeploymentDetails.ExpectedVersion),
            Strategy = Enum.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.Strategy), out DeploymentStrategy s) ? s : DeploymentStrategy.Direct,
            EventSequence = e.Sequence,
        };
    }

    private static string Show(DateTimeOffset t) => DeploymentEvent.Show(t);

    private static string Why(string? reason) => DeploymentEvent.Why(reason);
}
