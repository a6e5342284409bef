namespace Retrain.Engine.Drift;

/// <summary>One past drift check, as recorded in the drift_monitoring experiment.</summary>
public sealed class DriftHistoryEntry
{
    public required DateTimeOffset Timestamp { get; init; }
    public required string RunId { get; init; }
    public bool DriftDetected { get; init; }
    public DriftType DriftType { get; init; }
    public DriftStatus Status { get; init; }
    public double DriftScore { get; init; }
    public double? ConceptDriftScore { get; init; }
    public IReadOnlyList<string> AffectedFeatures { get; init; } = Array.Empty<string>();
    public string? ReferenceWindow { get; init; }
    public string? CurrentWindow { get; init; }

    /// <summary>The latest timestamp of the check\'s current window (null without timestamps, or for checks logged before it was recorded).</summary>
    public DateTimeOffset? CurrentWindowEnd { get; init; }
}
