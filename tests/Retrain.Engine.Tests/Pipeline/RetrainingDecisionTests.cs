using Retrain.Engine.Pipeline;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>Issue 15's status table, row by row, as the one decision function applies it.</summary>
public sealed class RetrainingDecisionTests
{
    private static readonly RetrainingFacts Drifted = new() { Trigger = RetrainingTrigger.Scheduled, DriftDetected = true };

    [Theory]
    // failure, lease, rollback come first, whatever else is true
    [InlineData("failed", RetrainingStatus.Failed)]
    [InlineData("lease", RetrainingStatus.Skipped)]
    [InlineData("rolledback", RetrainingStatus.RolledBack)]
    public void Failure_lease_and_rollback_end_the_run_before_anything_else(string what, RetrainingStatus expected)
    {
        var facts = Drifted with
        {
            ShouldPromote = true, AutoDeploy = true,
            Failed = what == "failed", LeaseHeldElsewhere = what is "failed" or "lease", RolledBack = true,
        };
        Assert.Equal(expected, RetrainingDecision.Decide(facts));
    }

    [Fact]
    public void A_scheduled_run_without_drift_or_held_back_by_hysteresis_or_cooldown_is_NoDrift()
    {
        Assert.Equal(RetrainingStatus.NoDrift, RetrainingDecision.Decide(Drifted with { DriftDetected = false, ShouldPromote = true }));
        Assert.Equal(RetrainingStatus.NoDrift, RetrainingDecision.Decide(Drifted with { HysteresisMet = false }));
        Assert.Equal(RetrainingStatus.NoDrift, RetrainingDecision.Decide(Drifted with { InCooldown = true }));
    }

    [Fact]
    public void A_manual_run_or_a_model_without_Production_retrains_whatever_drift_hysteresis_and_cooldown_say()
    {
        var heldBack = new RetrainingFacts { DriftDetected = false, HysteresisMet = false, InCooldown = true };
        Assert.Null(RetrainingDecision.Decide(heldBack with { Trigger = RetrainingTrigger.Manual }));
        Assert.Null(RetrainingDecision.Decide(heldBack with { Trigger = RetrainingTrigger.Scheduled, NoProduction = true }));
        Assert.True(RetrainingDecision.ShouldRetrain(heldBack with { Trigger = RetrainingTrigger.Manual }));
    }

    [Theory]
    [InlineData(false, false, false, RetrainingStatus.NotPromoted)]
    [InlineData(false, true, true, RetrainingStatus.NotPromoted)]
    [InlineData(true, false, false, RetrainingStatus.Retrained)]
    [InlineData(true, false, true, RetrainingStatus.PendingApproval)]
    [InlineData(true, true, true, RetrainingStatus.PendingApproval)]
    [InlineData(true, true, false, RetrainingStatus.Deployed)]
    public void After_the_comparison_promotion_auto_deploy_and_approval_decide(bool promote, bool autoDeploy, bool requireApproval, RetrainingStatus expected) =>
        Assert.Equal(expected, RetrainingDecision.Decide(Drifted with { ShouldPromote = promote, AutoDeploy = autoDeploy, RequireApproval = requireApproval }));

    [Fact]
    public void Before_the_comparison_a_triggered_run_is_undecided() =>
        Assert.Null(RetrainingDecision.Decide(Drifted));
}
