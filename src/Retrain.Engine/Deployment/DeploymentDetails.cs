namespace Retrain.Engine.Deployment;

/// <summary>
/// What a deployment writes into its registry event's details, so the history (and a rollback's choice of target,
/// and what waits for approval) reads from the registry alone, on every backend.
/// </summary>
public static class DeploymentDetails
{
    /// <summary>publish, rollback, end_role, approval_requested, approved, denied, canary_step or canary_aborted.</summary>
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

    /// <summary>A canary gate's figures, on the event of the step it decided (an advance, a promotion or an abort).</summary>
    public const string GateOutcome = "gate_outcome";
    public const string GateRows = "gate_rows";
    public const string GateUnits = "gate_units";
    public const string GateCanaryMae = "gate_canary_mae";
    public const string GateProductionMae = "gate_production_mae";
    public const string GateRegressionPct = "gate_regression_pct";
    /// <summary>The step a canary was judged on (its traffic percent then).</summary>
    public const string GateTrafficPercent = "gate_traffic_percent";

    public const string Publish = "publish";
    /// <summary>A canary moved to its next step after a successful gate.</summary>
    public const string CanaryStep = "canary_step";
    /// <summary>A canary ended without being promoted: by a failed gate or by hand.</summary>
    public const string CanaryAborted = "canary_aborted";
    public const string Rollback = "rollback";
    /// <summary>A role (shadow) ended by hand, not by its version changing stage.</summary>
    public const string EndRole = "end_role";
    public const string ApprovalRequested = "approval_requested";
    public const string Approved = "approved";
    public const string Denied = "denied";
}
