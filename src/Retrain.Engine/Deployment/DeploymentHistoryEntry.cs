using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Deployment;

/// <summary>What a history entry records.</summary>
public enum DeploymentAction : long
{
    /// <summary>A version went to Production (publish); the one before was archived by the same event.</summary>
    Promoted,
    /// <summary>Production went back to an earlier version.</summary>
    RolledBack,
    /// <summary>A stage change that was not a deployment (e.g. to Staging, or archiving by hand).</summary>
    StageChanged,
    /// <summary>A candidate went to Staging to wait for a person's approval (pipeline.require_approval).</summary>
    RequestedApproval,
    /// <summary>A person approved a waiting version: it went to Production, the one before was archived by the same event.</summary>
    Approved,
    /// <summary>A person refused a waiting version: it went to Archived.</summary>
    Denied,
    /// <summary>A version became the shadow (taking the role from the one that held it, if any).</summary>
    ShadowStarted,
    /// <summary>The shadow ended by hand (a stage change that ends it says so in <see cref="DeploymentHistoryEntry.EndedRoles"/>).</summary>
    ShadowEnded,
    /// <summary>A version became the canary at its first step.</summary>
    CanaryStarted,
    /// <summary>A gate passed and the canary moved to its next step (a promotion at 100 is Promoted, with the gate).</summary>
    CanaryAdvanced,
    /// <summary>The canary ended without promotion: a failed gate (with its figures) or by hand.</summary>
    CanaryAborted,
}

/// <summary>One line of <c>Get-DeploymentHistory</c>: who changed what serves a model, when, from where and why.</summary>
public sealed class DeploymentHistoryEntry
{
    public required long Sequence { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string ModelName { get; init; }
    public required DeploymentAction Action { get; init; }
    public required int Version { get; init; }
    /// <summary>The stage the version is in after the event (for a role change: the stage it kept).</summary>
    public ModelStage Stage { get; init; }
    public ModelStage? PreviousStage { get; init; }
    /// <summary>For a role change: the role (shadow, canary).</summary>
    public DeploymentRole? Role { get; init; }
    /// <summary>The roles a stage change ended (the shadow published, or archived).</summary>
    public IReadOnlyList<DeploymentRole> EndedRoles { get; init; } = Array.Empty<DeploymentRole>();
    /// <summary>The version that was in the stage (or held the role) before (for a promotion: the previous Production version, now archived).</summary>
    public int? PreviousVersion { get; init; }
    public IReadOnlyList<int> Archived { get; init; } = Array.Empty<int>();
    public DeploymentStrategy? Strategy { get; init; }
    /// <summary>A canary's share of the rows after the event (100 for a promotion); null for other events.</summary>
    public int? TrafficPercent { get; init; }
    /// <summary>For an event a canary gate decided: its outcome, and how much the canary's MAE exceeded Production's (percent).</summary>
    public CanaryGateOutcome? Gate { get; init; }
    public double? GateRegressionPct { get; init; }
    public int? RolledBackFrom { get; init; }
    /// <summary>For an approval or a denial: who asked for it (User is who decided).</summary>
    public string? RequestedBy { get; init; }
    /// <summary>For a request for approval: its deadline.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public string User { get; init; } = "";
    public string Machine { get; init; } = "";
    public string? Reason { get; init; }

    public override string ToString() => $"#{Sequence} {Action} models:/{ModelName}/{Version}";
}
