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
    /// change happens only if Production still holds that version (ProductionMoved otherwise, nothing changed).
    /// </summary>
    public static DeploymentRecord Promote(IModelRegistryStore store, ModelVersion version, int? expectedCurrent, string? reason)
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
        var details = Details(DeploymentDetails.Publish, out string id);
        store.TransitionStage(version.Name, version.Version, ModelStage.Production, archiveExistingInStage: true, reason, details, expectedCurrent);
        return Recorded(store, version.Name, id, DeploymentStatus.Deployed);
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
        var details = Details(DeploymentDetails.Rollback, out string id);
        details[DeploymentDetails.RolledBackFrom] = plan.Current.ToString(CultureInfo.InvariantCulture);
        store.TransitionStage(name, plan.Target, ModelStage.Production, archiveExistingInStage: true, reason, details, expectedProductionVersion: plan.Current);
        return Recorded(store, name, id, DeploymentStatus.RolledBack);
    }

    private static Dictionary<string, string> Details(string kind, out string id)
    {
        id = Guid.NewGuid().ToString("N");
        return new Dictionary<string, string>
        {
            [DeploymentDetails.Kind] = kind,
            [DeploymentDetails.Strategy] = nameof(DeploymentStrategy.Direct),
            [DeploymentDetails.TrafficPercent] = "100",
            [DeploymentDetails.Id] = id,
        };
    }

    /// <summary>The record of the change as the registry wrote it (found by its id: the store's own sequence, user and previous version).</summary>
    private static DeploymentRecord Recorded(IModelRegistryStore store, string name, string id, DeploymentStatus status)
    {
        RegistryEvent e = store.GetEvents(name).Last(e => e.Details.GetValueOrDefault(DeploymentDetails.Id) == id);
        return new DeploymentRecord
        {
            ModelName = name,
            ModelVersion = e.Version!.Value,
            PreviousVersion = e.PreviousVersion,
            Strategy = DeploymentStrategy.Direct,
            DeploymentStatus = status,
            TrafficPercent = 100,
            RolledBackFrom = int.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.RolledBackFrom), NumberStyles.None, CultureInfo.InvariantCulture, out int from) ? from : null,
            Timestamp = e.Timestamp,
            User = e.User,
            Machine = e.Machine,
            Reason = e.Reason,
            EventSequence = e.Sequence,
        };
    }

    private static RetrainException Nothing(string name, string why) =>
        new("NothingToRollBack", RetrainErrorKind.InvalidOperation,
            $"Model '{name}' has nothing to roll back to: {why}. Give -ToVersion, or publish a version with Publish-ProductionModel.",
            $"models:/{name}/Production");
}
