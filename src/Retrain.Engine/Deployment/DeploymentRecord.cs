using Retrain.Engine.Configuration;

namespace Retrain.Engine.Deployment;

/// <summary>What <c>Publish-ProductionModel</c> and <c>Undo-ModelDeployment</c> return: one change of what serves a model.</summary>
public sealed class DeploymentRecord
{
    public required string ModelName { get; init; }
    /// <summary>The version now serving (for a rollback, the one rolled back to; for a shadow, the one scoring beside Production).</summary>
    public required int ModelVersion { get; init; }
    /// <summary>The version that was in Production before, or null (for a shadow: the Production version it runs beside, unchanged).</summary>
    public int? PreviousVersion { get; init; }
    public DeploymentStrategy Strategy { get; init; }
    public DeploymentStatus DeploymentStatus { get; init; }
    /// <summary>The share of rows the version serves (100 for Production, 0 for a shadow: it scores every row and serves none).</summary>
    public int TrafficPercent { get; init; }
    /// <summary>For a rollback: the version rolled back from (archived by it).</summary>
    public int? RolledBackFrom { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public string User { get; init; } = "";
    public string Machine { get; init; } = "";
    public string? Reason { get; init; }
    /// <summary>The registry event that made the change (null when nothing changed).</summary>
    public long? EventSequence { get; init; }
    /// <summary>The run of the model_deployment experiment that recorded it.</summary>
    public string? RunId { get; set; }

    public string ModelUri => $"models:/{ModelName}/{ModelVersion}";

    public override string ToString() => $"{ModelUri} {DeploymentStatus}";
}
