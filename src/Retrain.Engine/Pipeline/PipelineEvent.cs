using Retrain.Engine.Alerts;
using Retrain.Engine.Deployment;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// One event of a retraining run, with the model, the versions and the reports' key figures. Raised while the run is
/// still open (its <see cref="RunId"/> can take tags, e.g. a failed delivery), except <see cref="AlertEvent.Failed"/>,
/// raised once the run has ended Failed.
/// </summary>
public sealed class PipelineEvent
{
    /// <summary>What happened: the alerts' events, named in one place (<see cref="AlertEvents"/>).</summary>
    public required AlertEvent Kind { get; init; }

    /// <summary>The event's name in configuration and payloads: drift_detected, retrained, deployed, pending_approval, rolled_back, failed.</summary>
    public string Name => AlertEvents.Name(Kind);

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
