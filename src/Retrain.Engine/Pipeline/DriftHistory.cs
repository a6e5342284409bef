using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Pipeline;

/// <summary>Reads drift scores over time back from the drift_monitoring runs.</summary>
public static class DriftHistory
{
    /// <summary>Checks started in [after, before), newest first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DriftHistoryEntry> Read(IRetrainStore store, DateTimeOffset? after = null, DateTimeOffset? before = null, int? max = null, bool driftOnly = false)
    {
        var runs = store.SearchRuns(new RunQuery
        {
            ExperimentNames = new[] { ExperimentNames.DriftMonitoring },
            StartedAfter = after,
            StartedBefore = before,
            Status = RunStatus.Finished,
            Tags = driftOnly ? new Dictionary<string, string> { ["drift_detected"] = "true" } : null,
            MaxResults = max,
        });
        return runs.Select(ToEntry).ToArray();
    }

    private static DriftHistoryEntry ToEntry(Run run) => new()
    {
        Timestamp = run.StartTime,
        RunId = run.RunId,
        DriftDetected = run.Tags.TryGetValue("drift_detected", out var d) && d == "true",
        DriftType = run.Tags.TryGetValue("drift_type", out var t) && Enum.TryParse<DriftType>(t, out var type) ? type : DriftType.None,
        Status = run.Tags.TryGetValue("status", out var s) && Enum.TryParse<DriftStatus>(s, out var status) ? status : DriftStatus.Ok,
        DriftScore = run.Metrics.TryGetValue("drift_score", out var score) ? score : 0,
        ConceptDriftScore = run.Metrics.TryGetValue("concept_drift_score", out var concept) ? concept : null,
        AffectedFeatures = run.Tags.TryGetValue("affected_features", out var a) && a.Length > 0 ? a.Split(',') : Array.Empty<string>(),
        ReferenceWindow = run.Params.GetValueOrDefault("reference_window"),
        CurrentWindow = run.Params.GetValueOrDefault("current_window"),
    };
}
