using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Pipeline;

/// <summary>Reads drift scores over time back from the drift_monitoring runs.</summary>
public static class DriftHistory
{
    /// <summary>
    /// Checks started in [after, before), newest first, at most <paramref name="max"/>; with <paramref name="modelName"/>,
    /// only checks whose concept drift scored a version of that model (tag model_uri), as the pipeline's hysteresis counts them.
    /// </summary>
    public static IReadOnlyList<DriftHistoryEntry> Read(IRetrainStore store, DateTimeOffset? after = null, DateTimeOffset? before = null, int? max = null, bool driftOnly = false,
        string? modelName = null)
    {
        var runs = store.SearchRuns(new RunQuery
        {
            ExperimentNames = new[] { ExperimentNames.DriftMonitoring },
            StartedAfter = after,
            StartedBefore = before,
            Status = RunStatus.Finished,
            Tags = driftOnly ? new Dictionary<string, string> { [DriftRunKeys.DriftDetected] = DriftRunKeys.Flag(true) } : null,
            MaxResults = modelName is null ? max : null,
        });
        IEnumerable<Run> selected = runs;
        if (modelName is not null)
        {
            string prefix = $"models:/{modelName}/";
            selected = runs.Where(r => r.Tags.GetValueOrDefault(ModelUriTag)?.StartsWith(prefix, StringComparison.Ordinal) == true);
            if (max is int m)
                selected = selected.Take(m);
        }
        return selected.Select(ToEntry).ToArray();
    }

    /// <summary>The model version the check's concept drift scored (written by <see cref="DriftReportLogger"/>).</summary>
    private const string ModelUriTag = "model_uri";

    private static DriftHistoryEntry ToEntry(Run run) => new()
    {
        Timestamp = run.StartTime,
        RunId = run.RunId,
        DriftDetected = run.Tags.TryGetValue(DriftRunKeys.DriftDetected, out var d) && d == DriftRunKeys.Flag(true),
        DriftType = run.Tags.TryGetValue(DriftRunKeys.DriftType, out var t) && Enum.TryParse<DriftType>(t, out var type) ? type : DriftType.None,
        Status = run.Tags.TryGetValue(DriftRunKeys.Status, out var s) && Enum.TryParse<DriftStatus>(s, out var status) ? status : DriftStatus.Ok,
        DriftScore = run.Metrics.TryGetValue(DriftRunKeys.DriftScore, out var score) ? score : 0,
        ConceptDriftScore = run.Metrics.TryGetValue(DriftRunKeys.ConceptDriftScore, out var concept) ? concept : null,
        AffectedFeatures = run.Tags.TryGetValue(DriftRunKeys.AffectedFeatures, out var a) && a.Length > 0 ? a.Split(DriftRunKeys.FeatureSeparator) : Array.Empty<string>(),
        ReferenceWindow = run.Params.GetValueOrDefault(DriftRunKeys.ReferenceWindow),
        CurrentWindow = run.Params.GetValueOrDefault(DriftRunKeys.CurrentWindow),
        CurrentWindowEnd = run.Params.GetValueOrDefault(DriftRunKeys.CurrentWindowEnd) is { } end && Data.TimestampParser.TryParse(end, out var at) ? at : null,
    };
}
