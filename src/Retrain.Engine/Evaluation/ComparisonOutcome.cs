using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// Champion vs challenger on the same test rows, and the decision. Every number is finite (see
/// <see cref="PairedTTest"/> and <see cref="BootstrapImprovement"/> for the rules on degenerate data).
/// </summary>
public sealed class ComparisonOutcome
{
    /// <summary>The production model's metrics; null when there is no production model yet (<see cref="ModelComparer.ChallengerOnly"/>).</summary>
    public RegressionMetrics? Champion { get; init; }

    public required RegressionMetrics Challenger { get; init; }

    /// <summary>False when there was no champion to compare against.</summary>
    public bool HasChampion => Champion is not null;

    public PrimaryMetric PrimaryMetric { get; init; }

    /// <summary>Improvement of the challenger on the primary metric, percent (positive = challenger better); 0 without a champion.</summary>
    public double ImprovementPct { get; init; }

    /// <summary>
    /// Two-sided p-value of the paired t-test that decided (<see cref="SignificanceBasis"/>): on per-unit mean absolute
    /// errors when there are units, else on per-row absolute errors; 1 without a champion.
    /// </summary>
    public double PValue { get; init; }

    /// <summary>t of the deciding paired test of |challenger error| - |champion error|: negative when the challenger's errors are smaller.</summary>
    public double TStatistic { get; init; }

    /// <summary>Note of the deciding t-test when a degenerate-data rule applied, else null.</summary>
    public string? TestNote { get; init; }

    /// <summary>Units when the test data had a unit column (the decision is on units), else Rows.</summary>
    public SignificanceBasis SignificanceBasis { get; init; }

    /// <summary>How many units the unit-level test paired; null without units.</summary>
    public int? UnitCount { get; init; }

    /// <summary>p of the paired t-test on per-unit mean absolute errors (df = units - 1); null without units.</summary>
    public double? UnitPValue { get; init; }

    public double? UnitTStatistic { get; init; }

    /// <summary>p of the paired t-test on per-row absolute errors, as scipy.stats.ttest_rel computes it; secondary when there are units (rows of one unit are not independent).</summary>
    public double RowPValue { get; init; }

    public double RowTStatistic { get; init; }

    /// <summary>Percentile bootstrap CI of <see cref="ImprovementPct"/> at level 1 - significance_level.</summary>
    public ConfidenceInterval ConfidenceInterval { get; init; }

    /// <summary>"Challenger", "Champion" or "Tie" (see <see cref="ModelComparer"/> for the rule).</summary>
    public required string Winner { get; init; }

    public bool ShouldPromote { get; init; }

    /// <summary>One or two sentences naming the condition that decided, with figures.</summary>
    public required string Recommendation { get; init; }

    /// <summary>Per-segment comparison, ordered by segment name; empty when no segments were given.</summary>
    public IReadOnlyList<SegmentComparison> Segments { get; init; } = Array.Empty<SegmentComparison>();
}
