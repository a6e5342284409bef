namespace Retrain.Engine.Tracking;

/// <summary>
/// A filter for <see cref="Store.ITrackingStore.SearchRuns"/>: every given criterion must hold.
/// Results come newest (latest start time) first.
/// </summary>
public sealed class RunQuery
{
    /// <summary>Runs of any of these experiments; null or empty means every experiment.</summary>
    public IReadOnlyList<string>? ExperimentNames { get; init; }

    public RunStatus? Status { get; init; }

    /// <summary>Runs that started at or after this instant.</summary>
    public DateTimeOffset? StartedAfter { get; init; }

    /// <summary>Runs that started strictly before this instant.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>Tags the run must carry, each with exactly this value.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>At most this many runs (the newest); null means all.</summary>
    public int? MaxResults { get; init; }
}
