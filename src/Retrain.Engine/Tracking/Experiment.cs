namespace Retrain.Engine.Tracking;

/// <summary>A named group of runs (e.g. <c>drift_monitoring</c>), created on first use by name.</summary>
public sealed class Experiment
{
    public required string ExperimentId { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public override string ToString() => Name;
}
