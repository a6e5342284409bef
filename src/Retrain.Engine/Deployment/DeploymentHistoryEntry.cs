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
}

/// <summary>One line of <c>Get-DeploymentHistory</c>: who changed what serves a model, when, from where and why.</summary>
public sealed class DeploymentHistoryEntry
{
    public required long Sequence { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string ModelName { get; init; }
    public required DeploymentAction Action { get; init; }
    public required int Version { get; init; }
    public ModelStage Stage { get; init; }
    public ModelStage? PreviousStage { get; init; }
    /// <summary>The version that was in the stage before (for a promotion: the previous Production version, now archived).</summary>
    public int? PreviousVersion { get; init; }
    public IReadOnlyList<int> Archived { get; init; } = Array.Empty<int>();
    public DeploymentStrategy? Strategy { get; init; }
    public int? RolledBackFrom { get; init; }
    public string User { get; init; } = "";
    public string Machine { get; init; } = "";
    public string? Reason { get; init; }

    public override string ToString() => $"#{Sequence} {Action} models:/{ModelName}/{Version}";
}
