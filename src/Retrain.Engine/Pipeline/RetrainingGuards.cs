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
        // One vote per current window, the newest check of it: the same week checked twice (Test-ModelDrift, then the
        // pipeline; or two scheduled runs on unchanged data) is one window, not two in a row.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var windows = new List<bool>();
        if (current.RunId is null && seen.Add(Key(current.CurrentWindowEnd, current.CurrentWindow)))
            windows.Add(current.DriftDetected);
        foreach (DriftHistoryEntry entry in DriftHistory.Read(store, modelName: modelName, max: Math.Max(required * 8, 32)))
            if (seen.Add(Key(entry.CurrentWindowEnd, entry.CurrentWindow ?? entry.RunId)))
                windows.Add(entry.DriftDetected && entry.Status == DriftStatus.Ok);
        int inARow = windows.TakeWhile(drifted => drifted).Count();
        bool met = inARow >= required;
        string explanation = required == 1
            ? (current.DriftDetected ? "drift found" : "no drift")
            : $"{inARow} drifted window(s) in a row of the {required} drift_detection.consecutive_windows asks for";
        return new Hysteresis(met, inARow, required, explanation);
    }

    private static string Key(DateTimeOffset? end, string window) => end is { } e ? e.UtcTicks.ToString(CultureInfo.InvariantCulture) : window;

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
