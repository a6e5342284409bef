using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// The registry changes of a canary, one event each: a version takes the canary role at the first step of
/// deployment.canary_steps, moves to the next step after a successful gate, is promoted to Production at 100 (a Direct
/// publish that ends the role in the same event), or is aborted (the role ends, the version keeps its stage, Production
/// untouched). Each change after the start is made against the role as the gate read it (the event that gave it) and
/// against the Production it was compared with: if either changed meanwhile (someone aborted the canary while its gate
/// ran), nothing changes and the error names who changed it.
/// </summary>
public static class CanaryChange
{
    /// <summary>
    /// Makes <paramref name="version"/> the canary at <paramref name="firstPercent"/> beside the Production version, which
    /// must still be <paramref name="expectedProduction"/> when given. Nothing in Production is CanaryWithoutProduction.
    /// Making the canary the canary again changes nothing (EventSequence null).
    /// </summary>
    public static DeploymentRecord Start(IModelRegistryStore store, ModelVersion version, int firstPercent, int? expectedProduction, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        ModelVersion production = RoleBeside.Production(store, version, DeploymentRole.Canary);
        RoleAssignment? held = Current(store, version.Name);
        if (held?.Version == version.Version)
        {
            var (timestamp, user, machine) = RegistryRules.Stamp();
            return new DeploymentRecord
            {
                ModelName = version.Name, ModelVersion = version.Version, PreviousVersion = production.Version, Strategy = DeploymentStrategy.Canary,
                DeploymentStatus = DeploymentStatus.CanaryStarted, TrafficPercent = held.TrafficPercent ?? 0, Timestamp = timestamp, User = user, Machine = machine,
                Reason = reason,
            };
        }
        var details = Details(DeploymentDetails.Publish, out string id, null);
        store.SetRole(version.Name, DeploymentRole.Canary, version.Version, firstPercent, reason, details, expectedProduction ?? production.Version,
            RoleExpectation.Of(DeploymentRole.Canary, held));
        return Recorded(store, version.Name, id, DeploymentStatus.CanaryStarted, production.Version, null);
    }

    /// <summary>
    /// Moves the canary <paramref name="held"/> to the step <paramref name="gate"/> chose: the next percent, or Production
    /// at 100 (<see cref="ProductionChange.Promote"/>, recording the gate). <paramref name="production"/> is the version it was judged against.
    /// </summary>
    public static DeploymentRecord Advance(IModelRegistryStore store, ModelVersion canary, RoleAssignment held, int production, int next,
        CanaryGateResult? gate, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(held);
        var expectedRole = RoleExpectation.Of(DeploymentRole.Canary, held);
        if (next >= 100)
        {
            var gateDetails = Details(null, out _, gate);
            gateDetails.Remove(DeploymentDetails.Id);
            gateDetails.Remove(DeploymentDetails.Kind);
            DeploymentRecord promoted = ProductionChange.Promote(store, canary, production, reason, DeploymentDetails.Publish, gateDetails,
                expectedRole: expectedRole);
            promoted.Gate = gate;
            return promoted;
        }
        var details = Details(DeploymentDetails.CanaryStep, out string id, gate);
        store.SetRole(canary.Name, DeploymentRole.Canary, canary.Version, next, reason, details, production, expectedRole);
        return Recorded(store, canary.Name, id, DeploymentStatus.CanaryAdvanced, production, gate);
    }

    /// <summary>
    /// Ends the canary of <paramref name="name"/> without promoting it: after a failed <paramref name="gate"/>, or by hand
    /// (gate null). Its version keeps its stage; Production is untouched. No canary is NoDeploymentRole.
    /// </summary>
    public static DeploymentRecord Abort(IModelRegistryStore store, string name, RoleAssignment? held, CanaryGateResult? gate, string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        var details = Details(DeploymentDetails.CanaryAborted, out string id, gate);
        store.EndRole(name, DeploymentRole.Canary, reason, details, held is null ? null : RoleExpectation.Of(DeploymentRole.Canary, held));
        return Recorded(store, name, id, DeploymentStatus.CanaryAborted, store.GetVersionByStage(name, ModelStage.Production)?.Version, gate);
    }

    /// <summary>The canary of <paramref name="name"/>, or null.</summary>
    public static RoleAssignment? Current(IModelRegistryStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetRoles(name).FirstOrDefault(r => r.Role == DeploymentRole.Canary);
    }

    private static Dictionary<string, string> Details(string? kind, out string id, CanaryGateResult? gate)
    {
        id = Guid.NewGuid().ToString("N");
        var details = new Dictionary<string, string>
        {
            [DeploymentDetails.Kind] = kind ?? "",
            [DeploymentDetails.Strategy] = nameof(DeploymentStrategy.Canary),
            [DeploymentDetails.Id] = id,
        };
        if (gate is not null)
        {
            details[DeploymentDetails.GateOutcome] = gate.Outcome.ToString();
            details[DeploymentDetails.GateTrafficPercent] = gate.TrafficPercent.ToString(CultureInfo.InvariantCulture);
            details[DeploymentDetails.GateRows] = gate.Rows.ToString(CultureInfo.InvariantCulture);
            details[DeploymentDetails.GateUnits] = gate.Units.ToString(CultureInfo.InvariantCulture);
            if (gate.CanaryMae is double c)
                details[DeploymentDetails.GateCanaryMae] = c.ToString("R", CultureInfo.InvariantCulture);
            if (gate.ProductionMae is double p)
                details[DeploymentDetails.GateProductionMae] = p.ToString("R", CultureInfo.InvariantCulture);
            if (gate.RegressionPct is double r && double.IsFinite(r))
                details[DeploymentDetails.GateRegressionPct] = r.ToString("R", CultureInfo.InvariantCulture);
        }
        return details;
    }

    private static DeploymentRecord Recorded(IModelRegistryStore store, string name, string id, DeploymentStatus status, int? production, CanaryGateResult? gate)
    {
        RegistryEvent e = DeploymentEvent.Find(store, name, id);
        DeploymentRecord record = DeploymentEvent.Record(e, status, production);
        record.Gate = gate;
        return record;
    }
}
