using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// The registry changes of a shadow deployment, one event each: a version takes the shadow role beside Production
/// (from the version that held it), or the role ends. Production never changes here. Publishing the shadow Direct,
/// rolling back to it or archiving it ends the role in that same stage change (the store does it), so a shadow is
/// never the version it shadows.
/// </summary>
public static class ShadowChange
{
    /// <summary>
    /// Makes <paramref name="version"/> the shadow of the Production version, which must still be
    /// <paramref name="expectedProduction"/> when given (ProductionMoved otherwise). A model with nothing in Production
    /// has nothing to shadow (ShadowWithoutProduction). Making the shadow the shadow again changes nothing (the record's
    /// EventSequence is null, as for a version already in Production).
    /// </summary>
    public static DeploymentRecord Start(IModelRegistryStore store, ModelVersion version, int? expectedProduction, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        ModelVersion production = RoleBeside.Production(store, version, DeploymentRole.Shadow);
        RoleAssignment? held = Current(store, version.Name);
        if (held?.Version == version.Version)
        {
            var (timestamp, user, machine) = RegistryRules.Stamp();
            return Record(version.Name, version.Version, production.Version, DeploymentStatus.ShadowStarted, null, timestamp, user, machine, reason);
        }
        var details = new Dictionary<string, string>
        {
            [DeploymentDetails.Kind] = DeploymentDetails.Publish,
            [DeploymentDetails.Strategy] = nameof(DeploymentStrategy.Shadow),
            [DeploymentDetails.Id] = Guid.NewGuid().ToString("N"),
        };
        store.SetRole(version.Name, DeploymentRole.Shadow, version.Version, null, reason, details, expectedProduction ?? production.Version);
        return Recorded(store, version.Name, details[DeploymentDetails.Id], DeploymentStatus.ShadowStarted, production.Version);
    }

    /// <summary>Ends the shadow of <paramref name="name"/> (NoDeploymentRole when there is none); its version keeps its stage.</summary>
    public static DeploymentRecord End(IModelRegistryStore store, string name, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        var details = new Dictionary<string, string>
        {
            [DeploymentDetails.Kind] = DeploymentDetails.EndRole,
            [DeploymentDetails.Strategy] = nameof(DeploymentStrategy.Shadow),
            [DeploymentDetails.Id] = Guid.NewGuid().ToString("N"),
        };
        store.EndRole(name, DeploymentRole.Shadow, reason, details);
        return Recorded(store, name, details[DeploymentDetails.Id], DeploymentStatus.ShadowEnded, store.GetVersionByStage(name, ModelStage.Production)?.Version);
    }

    /// <summary>The shadow of <paramref name="name"/>, or null.</summary>
    public static RoleAssignment? Current(IModelRegistryStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetRoles(name).FirstOrDefault(r => r.Role == DeploymentRole.Shadow);
    }

    private static DeploymentRecord Recorded(IModelRegistryStore store, string name, string id, DeploymentStatus status, int? production)
    {
        RegistryEvent e = store.GetEvents(name).Last(e => e.Details.GetValueOrDefault(DeploymentDetails.Id) == id);
        return Record(name, e.Version!.Value, production, status, e.Sequence, e.Timestamp, e.User, e.Machine, e.Reason);
    }

    private static DeploymentRecord Record(string name, int version, int? production, DeploymentStatus status, long? sequence, DateTimeOffset timestamp,
        string user, string machine, string? reason) => new()
    {
        ModelName = name,
        ModelVersion = version,
        PreviousVersion = production,
        Strategy = DeploymentStrategy.Shadow,
        DeploymentStatus = status,
        TrafficPercent = 0,
        Timestamp = timestamp,
        User = user,
        Machine = machine,
        Reason = reason,
        EventSequence = sequence,
    };
}
