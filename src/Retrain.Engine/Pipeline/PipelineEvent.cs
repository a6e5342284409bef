using Retrain.Engine.Deployment;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;

namespace Retrain.Engine.Pipeline;

/// <summary>What happened in a retraining run that someone may want to hear about (the alerts' events).</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum PipelineEventKind : long
{
    DriftDetected,
    Retrained,
    Deployed,
    PendingApproval,
    RolledBack,
    Failed,
}

/// <summary>
/// One event of a retraining run, with the model, the versions and the reports' key figures. Raised while the run is
/// still open (its <see cref="RunId"/> can take tags, e.g. a failed delivery), except <see cref="PipelineEventKind.Failed"/>,
/// raised once the run has ended Failed.
/// </summary>
public sealed class PipelineEvent
{
    public required PipelineEventKind Kind { get; init; }

    /// <summary>The event's name in configuration and payloads: drift_detected, retrained, deployed, pending_approval, rolled_back, failed.</summary>
    public string Name => Kind switch
    {
        PipelineEventKind.DriftDetected => "drift_detected",
        PipelineEventKind.PendingApproval => "pending_approval",
        PipelineEventKind.RolledBack => "rolled_back",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    public required string ModelName { get; init; }
    /// <summary>The retraining_pipeline run.</summary>
    public string? RunId { get; init; }
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>The Production version the run started with (the champion), or null.</summary>
    public int? ChampionVersion { get; init; }
    /// <summary>The version this run registered (Retrained, Deployed, PendingApproval), or the one rolled back to (RolledBack).</summary>
    public int? Version { get; init; }
    public string Message { get; init; } = "";
    /// <summary>Key figures: drift_score, concept_drift_score, improvement_pct, p_value, champion_mae, challenger_mae, regression_pct, …</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();
    public DriftReport? DriftReport { get; init; }
    public ComparisonReport? ComparisonReport { get; init; }
    public DeploymentRecord? Deployment { get; init; }
    /// <summary>For Failed: the error's message.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// Where a retraining run's events go: the seam the alert dispatcher plugs into (webhook, log file). The pipeline calls it
/// on its own thread; an exception from it is reported as a warning and recorded on the run, never failing the run.
/// </summary>
public interface IPipelineEventSink
{
    void Publish(PipelineEvent pipelineEvent);
}

/// <summary>The sink that drops every event: the default until alerts are configured.</summary>
public sealed class NoPipelineEvents : IPipelineEventSink
{
    public static readonly NoPipelineEvents Instance = new();

    public void Publish(PipelineEvent pipelineEvent)
    {
    }
}
