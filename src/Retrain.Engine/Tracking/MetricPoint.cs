namespace Retrain.Engine.Tracking;

/// <summary>One logged value of a metric: its key, value, step (0 when the caller has none) and time.</summary>
public readonly record struct MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp);
