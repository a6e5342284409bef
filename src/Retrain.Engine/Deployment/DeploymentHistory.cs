using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// The deployment history of a model read from its registry events (every stage change, with who, where, when and
/// why) and every role change (a shadow started or ended, a canary started, moved a step or aborted, with its gate's figures), and what a rollback goes back to. Reading it from the events, not from a log of its own, keeps it true to the
/// registry after any crash: a change is in the history exactly when it is in the registry.
/// </summary>
public static class DeploymentHistory
{
    public static IReadOnlyList<DeploymentHistoryEntry> Read(IModelRegistryStore store, string? modelName = null,
        DateTimeOffset? after = null, DateTimeOffset? before = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Each version's stage as of each event, so a role change shows the stage its version kept.
        var stages = new Dictionary<(string, int), ModelStage>();
        var entries = new List<DeploymentHistoryEntry>();
        foreach (RegistryEvent e in store.GetEvents(modelName))
        {
            DeploymentHistoryEntry? entry = e.Action switch
            {
                RegistryActions.TransitionStage when e.Version is int && e.Stage is ModelStage => ToEntry(e),
                RegistryActions.SetRole or RegistryActions.EndRole when e.Version is int v => RoleEntry(e, stages.GetValueOrDefault((e.ModelName, v))),
                _ => null,
            };
            Track(stages, e);
            if (entry is not null && (after is null || e.Timestamp >= after) && (before is null || e.Timestamp < before))
                entries.Add(entry);
        }
        return entries;
    }

    private static void Track(Dictionary<(string, int), ModelStage> stages, RegistryEvent e)
    {
        if (e.Version is not int v)
            return;
        if (e.Action == RegistryActions.RegisterVersion)
            stages[(e.ModelName, v)] = ModelStage.None;
        if (e.Action != RegistryActions.TransitionStage || e.Stage is not ModelStage stage)
            return;
        foreach (int archived in Versions(e.Details.GetValueOrDefault("archived")))
            stages[(e.ModelName, archived)] = ModelStage.Archived;
        stages[(e.ModelName, v)] = stage;
    }

    /// <summary>
    /// The version a rollback returns to: the latest earlier Production version that is still registered, is not the
    /// current one and was not itself rolled back from (so rolling back twice does not bounce between two versions).
    /// </summary>
    public static int? RollbackTarget(IReadOnlyList<DeploymentHistoryEntry> history, int current, IReadOnlySet<int> live)
    {
        var rolledBack = history.Where(h => h.RolledBackFrom is int).Select(h => h.RolledBackFrom!.Value).ToHashSet();
        rolledBack.Add(current);
        for (int i = history.Count - 1; i >= 0; i--)
        {
            DeploymentHistoryEntry h = history[i];
            if (h.Stage == ModelStage.Production && !rolledBack.Contains(h.Version) && live.Contains(h.Version))
                return h.Version;
        }
        return null;
    }

    private static DeploymentHistoryEntry RoleEntry(RegistryEvent e, ModelStage stage)
    {
        RoleNames.TryParse(e.Details.GetValueOrDefault("role"), out DeploymentRole role);
        return new DeploymentHistoryEntry
        {
            Sequence = e.Sequence,
            Timestamp = e.Timestamp,
            ModelName = e.ModelName,
            Action = role == DeploymentRole.Shadow
                ? e.Action == RegistryActions.SetRole ? DeploymentAction.ShadowStarted : DeploymentAction.ShadowEnded
                : e.Action == RegistryActions.EndRole ? DeploymentAction.CanaryAborted
                : e.Details.GetValueOrDefault(DeploymentDetails.Kind) == DeploymentDetails.CanaryStep ? DeploymentAction.CanaryAdvanced : DeploymentAction.CanaryStarted,
            Version = e.Version!.Value,
            Stage = stage,
            Role = role,
            PreviousVersion = e.PreviousVersion,
            Strategy = Enum.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.Strategy), out DeploymentStrategy strategy) ? strategy : null,
            TrafficPercent = role == DeploymentRole.Canary ? e.Action == RegistryActions.SetRole ? DeploymentEvent.Number(e, DeploymentDetails.TrafficPercent) : 0 : null,
            Gate = GateOf(e),
            GateRegressionPct = GateRegression(e),
            User = e.User,
            Machine = e.Machine,
            Reason = e.Reason,
        };
    }

    private static CanaryGateOutcome? GateOf(RegistryEvent e) =>
        Enum.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.GateOutcome), out CanaryGateOutcome outcome) ? outcome : null;

    private static double? GateRegression(RegistryEvent e) =>
        double.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.GateRegressionPct), NumberStyles.Float, CultureInfo.InvariantCulture, out double r) ? r : null;

    private static IEnumerable<int> Versions(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture));

    private static DeploymentHistoryEntry ToEntry(RegistryEvent e)
    {
        string? kind = e.Details.GetValueOrDefault(DeploymentDetails.Kind);
        var action = kind switch
        {
            DeploymentDetails.Rollback => DeploymentAction.RolledBack,
            DeploymentDetails.ApprovalRequested => DeploymentAction.RequestedApproval,
            DeploymentDetails.Approved => DeploymentAction.Approved,
            DeploymentDetails.Denied => DeploymentAction.Denied,
            _ when e.Stage == ModelStage.Production => DeploymentAction.Promoted,
            _ => DeploymentAction.StageChanged,
        };
        return new DeploymentHistoryEntry
        {
            Sequence = e.Sequence,
            Timestamp = e.Timestamp,
            ModelName = e.ModelName,
            Action = action,
            Version = e.Version!.Value,
            Stage = e.Stage!.Value,
            PreviousStage = Enum.TryParse(e.Details.GetValueOrDefault("previous_stage"), out ModelStage previous) ? previous : null,
            PreviousVersion = e.PreviousVersion,
            Archived = Versions(e.Details.GetValueOrDefault("archived")).ToArray(),
            EndedRoles = (e.Details.GetValueOrDefault("ended_roles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(r => RoleNames.TryParse(r, out DeploymentRole role) ? role : (DeploymentRole?)null).OfType<DeploymentRole>().ToArray(),
            Strategy = Enum.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.Strategy), out DeploymentStrategy strategy) ? strategy : null,
            TrafficPercent = e.Stage == ModelStage.Production && strategy == DeploymentStrategy.Canary ? 100 : null,
            Gate = GateOf(e),
            GateRegressionPct = GateRegression(e),
            RolledBackFrom = DeploymentEvent.Number(e, DeploymentDetails.RolledBackFrom),
            RequestedBy = e.Details.GetValueOrDefault(DeploymentDetails.RequestedBy),
            ExpiresAt = DeploymentEvent.Time(e, DeploymentDetails.ExpiresAt),
            User = e.User,
            Machine = e.Machine,
            Reason = e.Reason,
        };
    }
}
