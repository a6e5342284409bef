using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>Champion against challenger on one test set: metrics, the paired test, the decision and why.</summary>
public sealed class ComparisonReport
{
    public string? ModelName { get; init; }

    /// <summary>The champion that was compared (models:/name/version), or null when there was none.</summary>
    public string? Champion { get; init; }
    public int? ChampionVersion { get; init; }
    public required string Challenger { get; init; }
    public int? ChallengerVersion { get; init; }

    /// <summary>The challenger's URI, for piping the report into a deployment cmdlet.</summary>
    public string ModelUri => Challenger;

    /// <summary>Both models' metrics: <c>.Champion.Mae</c> as the seed's <c>metrics_comparison['champion']['mae']</c>; <c>.Rows</c> side by side.</summary>
    public required MetricsComparison MetricsComparison { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public RegressionMetrics? ChampionMetrics => MetricsComparison.Champion;
    [System.Text.Json.Serialization.JsonIgnore]
    public RegressionMetrics ChallengerMetrics => MetricsComparison.Challenger;
    public PrimaryMetric PrimaryMetric { get; init; }
    public double ImprovementPct { get; init; }
    public double PValue { get; init; }
    public double TStatistic { get; init; }
    public string? TestNote { get; init; }
    public ConfidenceInterval ConfidenceInterval { get; init; }
    public required string Winner { get; init; }
    public bool ShouldPromote { get; init; }
    public required string Recommendation { get; init; }
    public IReadOnlyList<SegmentComparison> Segments { get; init; } = Array.Empty<SegmentComparison>();
    public int TestRows { get; init; }
    public int? TestUnits { get; init; }
    public string? TestData { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public string? RunId { get; set; }
}
