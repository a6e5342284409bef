namespace Retrain.Engine.Evaluation;

/// <summary>Champion and challenger on the rows of one segment (e.g. one operating condition).</summary>
public sealed class SegmentComparison
{
    public required string Segment { get; init; }

    public int Count { get; init; }

    public required RegressionMetrics Champion { get; init; }

    public required RegressionMetrics Challenger { get; init; }

    /// <summary>Improvement of the challenger on the primary metric in this segment, percent (negative = worse).</summary>
    public double ImprovementPct { get; init; }

    /// <summary>True when the segment has at least min_segment_rows rows; smaller segments are shown but never block a promotion.</summary>
    public bool Checked { get; init; }

    /// <summary>Checked, and the challenger is worse here by more than max_segment_regression_pct.</summary>
    public bool Regressed { get; init; }
}
