namespace Retrain.Engine.Deployment;

/// <summary>
/// What a deployment writes into its registry event's details, so the history (and a rollback's choice of target)
/// reads from the registry alone, on every backend.
/// </summary>
public static class DeploymentDetails
{
    /// <summary>publish, rollback or end_role.</summary>
    public const string Kind = "deployment";
    public const string Strategy = "strategy";
    public const string TrafficPercent = "traffic_percent";
    /// <summary>A rollback's version rolled back from: never chosen again by a later rollback.</summary>
    public const string RolledBackFrom = "rolled_back_from";

    /// <summary>A fresh id per change, by which the deployment finds the event the store wrote for it.</summary>
    public const string Id = "deployment_id";

    public const string Publish = "publish";
    public const string Rollback = "rollback";
    /// <summary>A role (shadow) ended by hand, not by its version changing stage.</summary>
    public const string EndRole = "end_role";
}
