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
    /// <summary>p and t of the paired t-test that decided (<see cref="SignificanceBasis"/>).</summary>
    public double PValue { get; init; }
    public double TStatistic { get; init; }
    public string? TestNote { get; init; }

    /// <summary>Which paired t-test decided: Units (per-unit mean absolute errors; the test data had a unit column) or Rows.</summary>
    public SignificanceBasis SignificanceBasis { get; init; }
    public int? UnitCount { get; init; }
    public double? UnitPValue { get; init; }
    public double? UnitTStatistic { get; init; }

    /// <summary>The per-row paired t-test (scipy.stats.ttest_rel on absolute errors): the decision's basis only without units.</summary>
    public double RowPValue { get; init; }
    public double RowTStatistic { get; init; }
    public ConfidenceInterval ConfidenceInterval { get; init; }
    public required string Winner { get; init; }
    public bool ShouldPromote { get; init; }
    public required string Recommendation { get; init; }
    /// <summary>The cap both models were judged against (labels min(cap, target)); null = the target as given.</summary>
    public double? TargetCap { get; init; }

    /// <summary>Why that cap: "model_comparison.target_cap", "the challenger's training cap", or that the challenger had none.</summary>
    public string? TargetCapSource { get; init; }

    /// <summary>What makes the comparison less even than it looks (models trained with different caps or features); empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    public IReadOnlyList<SegmentComparison> Segments { get; init; } = Array.Empty<SegmentComparison>();
    public int TestRows { get; init; }
    public int? TestUnits { get; init; }
    public string? TestData { get; init; }

    /// <summary>
    /// For a comparison on the prediction log (Compare-Model -Shadow): how the outcomes met the logged predictions
    /// (rows joined, outcomes without a prediction, outcomes scored by one only); null when both models scored the test data.
    /// </summary>
    public PredictionJoinSummary? ShadowJoin { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public string? RunId { get; set; }
}
