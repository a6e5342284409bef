namespace Retrain.Engine.Tracking;

/// <summary>
/// Everything one write adds to a run (<see cref="Store.IRetrainStore.LogBatch"/>): params, metrics, tags, artifacts and,
/// optionally, its end. The caller owns the artifact streams; each is read to its end.
/// </summary>
public sealed class RunBatch
{
    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    public List<MetricPoint> Metrics { get; } = new();

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Artifact path (relative to the run, '/'-separated) and its content, in logging order.</summary>
    public List<KeyValuePair<string, Stream>> Artifacts { get; } = new();

    /// <summary>Finished, Failed or Killed ends the run in the same write; null leaves it running.</summary>
    public RunStatus? EndStatus { get; set; }

    public bool IsEmpty => Params.Count == 0 && Metrics.Count == 0 && Tags.Count == 0 && Artifacts.Count == 0 && EndStatus is null;
}
