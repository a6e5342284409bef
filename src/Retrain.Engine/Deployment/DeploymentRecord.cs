using Retrain.Engine.Configuration;

namespace Retrain.Engine.Deployment;

/// <summary>
/// What <c>Publish-ProductionModel</c>, <c>Undo-ModelDeployment</c>, <c>Approve-ModelDeployment</c> and
/// <c>Deny-ModelDeployment</c> return (and the pipeline's request for approval): one change of what serves a model.
/// </summary>
public sealed class DeploymentRecord
{
    public required string ModelName { get; init; }
    /// <summary>The version now serving (for a rollback, the one rolled back to; for a shadow, the one scoring beside Production; for a canary, the canary; for PendingApproval and Denied, the one asked about).</summary>
    public required int ModelVersion { get; init; }
    /// <summary>The version that was in Production before, or null (for a shadow, PendingApproval and Denied: the one in Production now, unchanged).</summary>
    public int? PreviousVersion { get; init; }
    public DeploymentStrategy Strategy { get; init; }
    public DeploymentStatus DeploymentStatus { get; init; }
    /// <summary>The share of rows the version serves (100 for Production; a canary's step; 0 for a shadow, which scores every row and serves none, for an aborted canary, and while a version waits for approval or was denied).</summary>
    public int TrafficPercent { get; init; }
    /// <summary>For a rollback: the version rolled back from (archived by it).</summary>
    public int? RolledBackFrom { get; init; }
    /// <summary>For an approval or a denial: who asked for it (User is who decided).</summary>
    public string? RequestedBy { get; init; }
    /// <summary>For PendingApproval: when the request expires unless approved.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>Who made the change: who asked (PendingApproval), who approved or denied, who published or rolled back.</summary>
    public string User { get; init; } = "";
    public string Machine { get; init; } = "";
    public string? Reason { get; init; }
    /// <summary>For a canary step, promotion, abort or hold: the gate that decided it (null when decided by hand, e.g. -Full).</summary>
    public CanaryGateResult? Gate { get; set; }
    /// <summary>The registry event that made the change (null when nothing changed).</summary>
    public long? EventSequence { get; init; }
    /// <summary>The run of the model_deployment experiment that recorded it.</summary>
    public string? RunId { get; set; }

    public string ModelUri => $"models:/{ModelName}/{ModelVersion}";

    public override string ToString() => $"{ModelUri} {DeploymentStatus}";
}
