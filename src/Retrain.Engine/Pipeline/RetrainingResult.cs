using Retrain.Engine.Deployment;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// What <c>Invoke-Retraining</c> returns: how the run ended and why, the reports of its steps and the version it made.
/// The seed's dictionary names work as indexers: <c>$r['drift_detected']</c>, <c>$r['retrain_result']['new_model_uri']</c>,
/// <c>$r['deployed']</c>, <c>$r['status']</c>, <c>$r['comparison_report']</c>.
/// </summary>
public sealed class RetrainingResult
{
    public required RetrainingStatus Status { get; init; }
    /// <summary>Why the run ended as it did, in a sentence or three (what a person reads in a runbook's output).</summary>
    public required string Reason { get; init; }
    public required string ModelName { get; init; }
    public RetrainingTrigger Trigger { get; init; }
    /// <summary>The reason a person gave (-Reason), or null for a scheduled run.</summary>
    public string? RequestedReason { get; init; }
    public bool DriftDetected { get; init; }
    /// <summary>The drift check this run made (or was given from the pipeline); null for a manual run, or one that ended before it.</summary>
    public DriftReport? DriftReport { get; init; }
    /// <summary>The Production version this run compared against (and passed as the expected current version to a deployment); null when there was none.</summary>
    public int? ChampionVersion { get; init; }
    public string? ChampionUri { get; init; }
    /// <summary>
    /// The champion as Publish-ProductionModel's -ExpectedCurrentVersion binds it from the pipeline: its version, or 0 when
    /// there was no Production version (a publish is then refused if one appeared since).
    /// </summary>
    public int ExpectedCurrentVersion => ChampionVersion ?? 0;
    /// <summary>The version this run trained and registered (whatever the status: a NotPromoted or Failed run's version stays registered, never deployed).</summary>
    public string? NewModelUri { get; init; }
    public int? NewVersion { get; init; }
    /// <summary>The candidate, under the name Publish-ProductionModel binds from the pipeline (Invoke-Retraining | Publish-ProductionModel).</summary>
    public string? ModelUri => NewModelUri;
    /// <summary>The seed's retrain_result: the training's run, the new version and its held-out metrics.</summary>
    public RetrainResult? RetrainResult { get; init; }
    public ComparisonReport? ComparisonReport { get; init; }
    /// <summary>True when this run changed what serves: the challenger went to Production (or started its canary).</summary>
    public bool Deployed { get; init; }
    /// <summary>The deployment change this run made: the publish, the request for approval, or the automatic rollback.</summary>
    public DeploymentRecord? Deployment { get; init; }
    /// <summary>A scheduled run's gate of the model's canary (advanced, promoted, aborted or held), or null when it had none.</summary>
    public DeploymentRecord? CanaryStep { get; init; }
    /// <summary>Who held the model's lease, for a Skipped run.</summary>
    public PipelineLeaseHolder? LeaseHolder { get; init; }
    /// <summary>For a Failed run: the step that threw and its error's message (also on the run as error_message).</summary>
    public string? FailedStep { get; init; }
    public string? Error { get; init; }
    public string? ErrorId { get; init; }
    /// <summary>The retraining_pipeline run (the step runs are its children: tag parent_run_id). Null for -WhatIf, which logs nothing.</summary>
    public string? RunId { get; init; }
    /// <summary>-WhatIf: the steps ran in a temporary copy of the store; nothing was registered, logged or deployed.</summary>
    public bool WhatIf { get; init; }
    public required StepDurations Durations { get; init; }
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The seed's names: drift_detected, drift_report, retrain_result, new_model_uri, comparison_report, deployed, deployment, status, reason, run_id.</summary>
    public object? this[string key] => key.ToLowerInvariant() switch
    {
        "status" => Status.ToString(),
        "reason" => Reason,
        "drift_detected" => DriftDetected,
        "drift_report" => DriftReport,
        "retrain_result" => RetrainResult,
        "new_model_uri" => NewModelUri,
        "comparison_report" => ComparisonReport,
        "deployed" => Deployed,
        "deployment" => Deployment,
        "run_id" => RunId,
        _ => throw new KeyNotFoundException($"'{key}' is not a key of the retraining result (drift_detected, drift_report, retrain_result, new_model_uri, comparison_report, deployed, deployment, status, reason, run_id)."),
    };

    public override string ToString() => $"{ModelName} {Status}";
}

/// <summary>The seed's retrain_result: what the training step made.</summary>
public sealed class RetrainResult
{
    public required string NewModelUri { get; init; }
    public required int Version { get; init; }
    /// <summary>The automated_retraining run that trained it.</summary>
    public required string RunId { get; init; }
    /// <summary>Its metrics on the units it held out at training (mae, rmse, r2, mape).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    public int TrainingRows { get; init; }
    public string? DataWindow { get; init; }

    public object? this[string key] => key.ToLowerInvariant() switch
    {
        "new_model_uri" => NewModelUri,
        "version" => Version,
        "run_id" => RunId,
        "metrics" => Metrics,
        _ => throw new KeyNotFoundException($"'{key}' is not a key of retrain_result (new_model_uri, version, run_id, metrics)."),
    };

    public override string ToString() => NewModelUri;
}

/// <summary>Seconds each step took (null: the step did not run).</summary>
public sealed class StepDurations
{
    public double? LoadData { get; set; }
    public double? RollbackCheck { get; set; }
    public double? CanaryGate { get; set; }
    public double? DriftCheck { get; set; }
    public double? Training { get; set; }
    public double? Comparison { get; set; }
    public double? Deployment { get; set; }
    public double Total { get; set; }

    public override string ToString() => $"{Total:0.0} s";
}
