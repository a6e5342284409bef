namespace Retrain.Engine.Pipeline;

/// <summary>What is known about a run when its status is decided (later facts stay null until their step ran).</summary>
public sealed record RetrainingFacts
{
    /// <summary>Another run of the model holds its lease.</summary>
    public bool LeaseHeldElsewhere { get; init; }
    /// <summary>A step threw.</summary>
    public bool Failed { get; init; }
    /// <summary>The automatic rollback check rolled the Production version back.</summary>
    public bool RolledBack { get; init; }
    public RetrainingTrigger Trigger { get; init; }
    /// <summary>The model has no Production version: a scheduled run retrains to make one.</summary>
    public bool NoProduction { get; init; }
    public bool DriftDetected { get; init; }
    /// <summary>drift_detection.consecutive_windows drifted checks in a row (this one included).</summary>
    public bool HysteresisMet { get; init; } = true;
    /// <summary>A deployment of the model within pipeline.cooldown_days.</summary>
    public bool InCooldown { get; init; }
    /// <summary>The comparison's decision; null before the comparison ran.</summary>
    public bool? ShouldPromote { get; init; }
    public bool AutoDeploy { get; init; }
    public bool RequireApproval { get; init; }
}

/// <summary>
/// The one place a retraining run's status is decided, as the table of issue 15 says:
/// <code>
/// any step threw                                                  Failed
/// another run of the model holds the lease                        Skipped
/// the production model regressed since its deployment             RolledBack   (the run ends there)
/// scheduled, no drift (or hysteresis/cooldown not met)            NoDrift      (a manual -Reason overrides all three;
///                                                                               no Production version always retrains)
/// challenger not better by the comparison's rule                  NotPromoted
/// better, require_approval: true (whatever auto_deploy)           PendingApproval
/// better, auto_deploy: true, require_approval: false              Deployed
/// better, auto_deploy: false, require_approval: false             Retrained    (registered, not deployed)
/// </code>
/// </summary>
public static class RetrainingDecision
{
    /// <summary>The status the facts decide, or null when the run goes on to train and compare (the comparison has not run yet).</summary>
    public static RetrainingStatus? Decide(RetrainingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Failed)
            return RetrainingStatus.Failed;
        if (facts.LeaseHeldElsewhere)
            return RetrainingStatus.Skipped;
        if (facts.RolledBack)
            return RetrainingStatus.RolledBack;
        if (!ShouldRetrain(facts))
            return RetrainingStatus.NoDrift;
        return facts.ShouldPromote switch
        {
            null => null,
            false => RetrainingStatus.NotPromoted,
            true when facts.RequireApproval => RetrainingStatus.PendingApproval,
            true when facts.AutoDeploy => RetrainingStatus.Deployed,
            true => RetrainingStatus.Retrained,
        };
    }

    /// <summary>Whether the run trains a challenger: a manual run always; a scheduled one without a Production version, or on drift that passes hysteresis and cooldown.</summary>
    public static bool ShouldRetrain(RetrainingFacts facts) =>
        facts.Trigger == RetrainingTrigger.Manual || facts.NoProduction || (facts.DriftDetected && facts.HysteresisMet && !facts.InCooldown);
}
