namespace Retrain.Engine.Tracking;

/// <summary>One logged value of a run's metric, with the run it belongs to (a metric's history is a list of these, by step).</summary>
public sealed class RunMetric
{
    public required string RunId { get; init; }

    public required string Key { get; init; }

    public required double Value { get; init; }

    public required long Step { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public static RunMetric From(string runId, MetricPoint point) =>
        new() { RunId = runId, Key = point.Key, Value = point.Value, Step = point.Step, Timestamp = point.Timestamp };

    public override string ToString() => $"{Key}[{Step}] = {Value}";
}
