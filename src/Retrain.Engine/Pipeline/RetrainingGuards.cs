using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Drift;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The guards of an unattended retrain: hysteresis (drift_detection.consecutive_windows drifted checks in a row, read
/// back from the drift history of the model, one per current window) and the cooldown (no scheduled retrain within
/// pipeline.cooldown_days of a deployment of the model, read from its deployment history).
/// </summary>
public static class RetrainingGuards
{
    public sealed record Hysteresis(bool Met, int InARow, int Required, string Explanation);

    public sealed record Cooldown(bool Active, DateTimeOffset? LastDeployment, int? Version, string Explanation);

    /// <summary>Counts the drifted checks in a row, newest first, <paramref name="current"/> included (also when it was not logged).</summary>
    public static Hysteresis CheckHysteresis(IRetrainStore store, RetrainOptions options, string modelName, DriftReport current)
    {
        int required = options.DriftDetection.ConsecutiveWindows;
        var windows = new List<(string Window, bool Drifted)>();
        if (current.RunId is null)
            windows.Add((current.CurrentWindow, current.DriftDetected));
        foreach (DriftHistoryEntry entry in DriftHistory.Read(store, modelName: modelName, max: Math.Max(required * 4, 16)))
        {
            string window = entry.CurrentWindow ?? entry.RunId;
            // The same current window checked twice (Test-ModelDrift, then the pipeline) is one window, not two in a row.
            if (windows.Count > 0 && windows[^1].Window == window)
                continue;
            windows.Add((window, entry.DriftDetected && entry.Status == DriftStatus.Ok));
        }
        int inARow = windows.TakeWhile(w => w.Drifted).Count();
        bool met = inARow >= required;
        string explanation = required == 1
            ? (current.DriftDetected ? "drift found" : "no drift")
            : $"{inARow} drifted check(s) in a row of the {required} drift_detection.consecutive_windows asks for";
        return new Hysteresis(met, inARow, required, explanation);
    }

    public static Cooldown CheckCooldown(IRetrainStore store, RetrainOptions options, string modelName, DateTimeOffset now)
    {
        double days = options.Pipeline.CooldownDays;
        DeploymentHistoryEntry? last = store.ListModels().Any(m => m.Name == modelName)
            ? DeploymentHistory.Read(store, modelName).LastOrDefault(e => e.Action is DeploymentAction.Promoted or DeploymentAction.Approved or DeploymentAction.RolledBack)
            : null;
        if (last is null)
            return new Cooldown(false, null, null, "the model has never been deployed");
        double since = (now - last.Timestamp).TotalDays;
        bool active = days > 0 && since < days;
        string explanation = $"v{last.Version} was {Describe(last.Action)} {since.ToString("0.##", CultureInfo.InvariantCulture)} day(s) ago " +
            (active ? $"(within pipeline.cooldown_days: {days.ToString("0.##", CultureInfo.InvariantCulture)})"
                    : days > 0 ? $"(pipeline.cooldown_days {days.ToString("0.##", CultureInfo.InvariantCulture)} have passed)" : "(no cooldown: pipeline.cooldown_days is 0)");
        return new Cooldown(active, last.Timestamp, last.Version, explanation);
    }

    private static string Describe(DeploymentAction action) => action switch
    {
        DeploymentAction.RolledBack => "rolled back to",
        DeploymentAction.Approved => "approved and deployed",
        _ => "deployed",
    };
}
