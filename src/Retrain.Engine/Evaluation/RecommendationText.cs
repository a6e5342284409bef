using System.Globalization;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>The one or two sentences of a <see cref="ComparisonOutcome"/>: which condition decided, with figures (ASCII, invariant culture).</summary>
internal sealed class RecommendationText(
    PrimaryMetric metric, RegressionMetrics champion, RegressionMetrics challenger, double improvement,
    PairedTTestResult test, SignificanceBasis basis, int units, PairedTTestResult rowTest, ConfidenceInterval interval, ModelComparisonOptions options)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sentence for the first failed condition (direction, size, significance, segments), else the promotion.</summary>
    public string Decide(IReadOnlyList<SegmentComparison> regressed)
    {
        var alpha = options.SignificanceLevel;
        var values = $"{Value(challenger)} vs {Value(champion)}";
        if (improvement < 0)
            return $"Keep the champion: the challenger is {Size(-improvement)} worse on {Name(metric)} ({values}, {P()}).";
        if (improvement == 0)
            return $"Keep the champion: the challenger's {Name(metric)} is the same ({Value(challenger)}).";
        if (improvement < options.MinImprovementPct)
            return $"Keep the champion: the challenger is {Size(improvement)} better on {Name(metric)} ({values}), below min_improvement_pct {Number(options.MinImprovementPct)}.";
        if (!(test.PValue < alpha))
            return $"Keep the champion: the challenger is {Size(improvement)} better on {Name(metric)} ({values}) but not significantly ({P()}, significance_level {Number(alpha)}).{RowsAside()}";
        if (test.Statistic > 0)
            return $"Keep the champion: the challenger is {Size(improvement)} better on {Name(metric)} ({values}) but its absolute errors are significantly larger ({(basis == SignificanceBasis.Units ? "" : "paired t-test, ")}{P()}).";
        if (regressed.Count > 0)
        {
            var worst = regressed[0];
            var more = regressed.Count > 1 ? $" {regressed.Count - 1} more segment(s) also regressed." : "";
            return $"Keep the champion: the challenger is worse on segment '{worst.Segment}' by {Size(-worst.ImprovementPct)} " +
                   $"(more than max_segment_regression_pct {Number(options.MaxSegmentRegressionPct)}).{more}";
        }
        return $"Promote: challenger {Name(metric)} {values} ({Size(improvement)} better, {P()}, " +
               $"{Number(interval.Level * 100)}% CI {Percent(interval.Lower)} to {Percent(interval.Upper)}).";
    }

    public static string NoChampion(PrimaryMetric metric, RegressionMetrics challenger) =>
        $"Promote: there is no production model to compare against, so the challenger wins by default ({Name(metric)} {Value(metric, challenger)} on {challenger.Count} rows).";

    private string Value(RegressionMetrics m) => Value(metric, m);

    private static string Value(PrimaryMetric metric, RegressionMetrics m) => metric == PrimaryMetric.Mape
        ? (m.Mape * 100).ToString("0.##", Invariant) + "%"
        : m.Get(metric).ToString("G4", Invariant);

    private static string Name(PrimaryMetric metric) => metric switch
    {
        PrimaryMetric.Mae => "MAE",
        PrimaryMetric.Rmse => "RMSE",
        PrimaryMetric.R2 => "R2",
        _ => "MAPE",
    };

    /// <summary>The deciding test's p, named by its replicates: "paired t-test over 20 units, p = 0.41".</summary>
    private string P() => basis == SignificanceBasis.Units
        ? $"paired t-test over {units} units, {PValue(test.PValue)}"
        : PValue(test.PValue);

    /// <summary>Why a tiny row-level p did not carry the decision, when it would have.</summary>
    private string RowsAside() => basis == SignificanceBasis.Units && rowTest.PValue < options.SignificanceLevel
        ? $" Per row {PValue(rowTest.PValue)}, but rows of one unit are not independent replicates."
        : "";

    private static string PValue(double p) => "p = " + (p switch
    {
        0 => "0",
        < 0.001 => p.ToString("0.#e+0", Invariant),
        _ => p.ToString("0.###", Invariant),
    });

    /// <summary>A size of improvement or regression, "12.3%"; unbounded ones (champion's value 0) read "infinitely".</summary>
    private static string Size(double pct) => pct == double.MaxValue ? "infinitely" : pct.ToString("0.0", Invariant) + "%";

    private static string Percent(double pct) => Math.Abs(pct) == double.MaxValue
        ? (pct > 0 ? "+inf" : "-inf")
        : pct.ToString("0.0", Invariant) + "%";

    private static string Number(double x) => x.ToString("0.###", Invariant);
}
