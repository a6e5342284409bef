using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// The registry changes of a deployment, each one atomic registry event (the store's lock or transaction): a promotion
/// archives the previous Production version in the same event, so no reader ever sees two Production versions or none
/// in between; a rollback is a promotion of an earlier version that records the one it rolled back from.
/// </summary>
public static class ProductionChange
{
    /// <summary>
    /// Puts <paramref name="version"/> in Production (Direct). With <paramref name="expectedCurrent"/> (0: none), the
    /// change happens only if Production still holds that version (ProductionMoved otherwise, nothing changed); with
    /// <paramref name="expectedStage"/>, only if the version is still in that stage (StageMoved otherwise).
    /// <paramref name="kind"/> and <paramref name="details"/> say what the event was (a publish, or an approval and the request it decides).
    /// </summary>
    public static DeploymentRecord Promote(IModelRegistryStore store, ModelVersion version, int? expectedCurrent, string? reason,
        string kind = DeploymentDetails.Publish, IReadOnlyDictionary<string, string>? details = null, ModelStage? expectedStage = null,
        RoleExpectation? expectedRole = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        ModelVersion? current = store.GetVersionByStage(version.Name, ModelStage.Production);
        if (current?.Version == version.Version)
        {
            var (timestamp, user, machine) = RegistryRules.Stamp();
            return new DeploymentRecord
            {
                ModelName = version.Name, ModelVersion = version.Version, PreviousVersion = version.Version, Strategy = DeploymentStrategy.Direct,
                DeploymentStatus = DeploymentStatus.AlreadyInProduction, TrafficPercent = 100, Timestamp = timestamp, User = user, Machine = machine, Reason = reason,
            };
        }
        var recorded = DeploymentEvent.Details(kind, out string id);
        foreach (var (key, value) in details ?? new Dictionary<string, string>())
            recorded[key] = value;
        store.TransitionStage(version.Name, version.Version, ModelStage.Production, archiveExistingInStage: true, reason, recorded, expectedCurrent, expectedStage, expectedRole);
        RegistryEvent e = DeploymentEvent.Find(store, version.Name, id);
        return DeploymentEvent.Record(e, DeploymentStatus.Deployed, e.PreviousVersion);
    }

    /// <summary>
    /// Which version a rollback goes to: <paramref name="toVersion"/>, or by default the version before the current one
    /// (<see cref="DeploymentHistory.RollbackTarget"/>); nothing to go back to is NothingToRollBack.
    /// </summary>
    public static (int Current, int Target) PlanRollback(IModelRegistryStore store, string name, int? toVersion)
    {
        ArgumentNullException.ThrowIfNull(store);
        StoreNames.ValidateModelName(name);
        ModelVersion current = store.GetVersionByStage(name, ModelStage.Production)
            ?? throw Nothing(name, "no version of it is in Production");
        if (toVersion is int requested)
        {
            ModelVersion chosen = store.GetVersion(name, requested);
            if (chosen.Version == current.Version)
                throw new RetrainException("RollbackToCurrent", RetrainErrorKind.InvalidArgument,
                    $"{chosen.Uri} is the version in Production; give an earlier one to roll back to.", chosen.Uri);
            return (current.Version, chosen.Version);
        }
        var live = store.ListVersions(name).Select(v => v.Version).ToHashSet();
        int target = DeploymentHistory.RollbackTarget(DeploymentHistory.Read(store, name), current.Version, live)
            ?? throw Nothing(name, $"version {current.Version} is the only version that was in Production and not rolled back from");
        return (current.Version, target);
    }

    /// <summary>
    /// Returns Production from <c>plan.Current</c> to <c>plan.Target</c> in one change that archives the current version and
    /// records it as rolled back from; if Production moved since the plan, ProductionMoved and nothing changes.
    /// </summary>
    public static DeploymentRecord Rollback(IModelRegistryStore store, string name, (int Current, int Target) plan, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        var details = DeploymentEvent.Details(DeploymentDetails.Rollback, out string id);
        details[DeploymentDetails.RolledBackFrom] = plan.Current.ToString(CultureInfo.InvariantCulture);
        store.TransitionStage(name, plan.Target, ModelStage.Production, archiveExistingInStage: true, reason, details, expectedProductionVersion: plan.Current);
        RegistryEvent e = DeploymentEvent.Find(store, name, id);
        return DeploymentEvent.Record(e, DeploymentStatus.RolledBack, e.PreviousVersion);
    }

    private static RetrainException Nothing(string name, string why) =>
        new("NothingToRollBack", RetrainErrorKind.InvalidOperation,
            $"Model '{name}' has nothing to roll back to: {why}. Give -ToVersion, or publish a version with Publish-ProductionModel.",
            $"models:/{name}/Production");
}
