namespace Retrain.Engine.Tracking;

/// <summary>One file of a run (MLflow's FileInfo): its path relative to the run, '/'-separated, and its <c>runs:/</c> URI.</summary>
public sealed class RunArtifact
{
    public required string RunId { get; init; }

    public required string Path { get; init; }

    /// <summary>The artifact's URI, e.g. <c>runs:/&lt;id&gt;/model/model.zip</c>: usable wherever a model URI is.</summary>
    public string Uri => $"runs:/{RunId}/{Path}";

    public override string ToString() => Uri;
}

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
