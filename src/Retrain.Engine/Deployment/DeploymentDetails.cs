namespace Retrain.Engine.Deployment;

/// <summary>
/// What a deployment writes into its registry event's details, so the history (and a rollback's choice of target,
/// and what waits for approval) reads from the registry alone, on every backend.
/// </summary>
public static class DeploymentDetails
{
    /// <summary>publish, rollback, end_role, approval_requested, approved or denied.</summary>
    public const string Kind = "deployment";
    public const string Strategy = "strategy";
    public const string TrafficPercent = "traffic_percent";
    /// <summary>A rollback's version rolled back from: never chosen again by a later rollback.</summary>
    public const string RolledBackFrom = "rolled_back_from";

    /// <summary>A fresh id per change, by which the deployment finds the event the store wrote for it.</summary>
    public const string Id = "deployment_id";

    /// <summary>An approval request's deadline (ISO 8601, UTC); after it the request can be denied, not approved.</summary>
    public const string ExpiresAt = "expires_at";
    /// <summary>The Production version the candidate was compared against (0: none); its approval publishes only over that one.</summary>
    public const string ExpectedVersion = "expected_version";
    /// <summary>On an approval or denial: who asked, and the event of the request it decides.</summary>
    public const string RequestedBy = "requested_by";
    public const string RequestSequence = "request_sequence";

    public const string Publish = "publish";
    public const string Rollback = "rollback";
    /// <summary>A role (shadow) ended by hand, not by its version changing stage.</summary>
    public const string EndRole = "end_role";
    public const string ApprovalRequested = "approval_requested";
    public const string Approved = "approved";
    public const string Denied = "denied";
}
