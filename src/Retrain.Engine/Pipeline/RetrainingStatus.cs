namespace Retrain.Engine.Pipeline;

/// <summary>How a retraining run ended (<see cref="RetrainingDecision"/> decides it, following the table of issue 15).</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum RetrainingStatus : long
{
    /// <summary>Scheduled, and no drift (or drift, but drift_detection.consecutive_windows or pipeline.cooldown_days not met): nothing trained.</summary>
    NoDrift,
    /// <summary>The challenger won and is registered, not deployed (pipeline.auto_deploy and require_approval false).</summary>
    Retrained,
    /// <summary>The challenger won and went to Production (deployment.strategy).</summary>
    Deployed,
    /// <summary>The challenger won and waits for Approve-ModelDeployment (pipeline.require_approval).</summary>
    PendingApproval,
    /// <summary>The challenger is registered but did not beat the champion by the comparison's rule.</summary>
    NotPromoted,
    /// <summary>The Production version did worse than the one it replaced on data since its deployment, and was rolled back.</summary>
    RolledBack,
    /// <summary>Another run of the model holds its lease: this run did nothing.</summary>
    Skipped,
    /// <summary>A step threw: the error is in <see cref="RetrainingResult.Error"/> and the run; nothing was deployed.</summary>
    Failed,
}

/// <summary>What started a run.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum RetrainingTrigger : long
{
    /// <summary>The scheduled check (-Scheduled, the seed's run_scheduled_check): retrains only on drift, or without a production model.</summary>
    Scheduled,
    /// <summary>A person's request (-Reason, the seed's trigger_retraining(reason=…)): retrains regardless of drift, hysteresis and cooldown.</summary>
    Manual,
    /// <summary>A drift report from the pipeline (Test-ModelDrift | Invoke-Retraining): it is the drift check.</summary>
    DriftReport,
}
