using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// Champion vs challenger on the same test rows, and whether to promote the challenger.
/// </summary>
/// <remarks>
/// <para>Significance: the paired t-test (<see cref="PairedTTest"/>, two-sided) of |challenger error| against
/// |champion error|. With <c>groups</c> (a unit column) its replicates are the units: each unit's mean absolute error
/// under either model, one pair per unit (<see cref="SignificanceBasis.Units"/>), because rows of one engine share its
/// build and wear and are not independent; the per-row test is reported beside it (RowPValue) and decides nothing.
/// Without groups the pairs are rows (<see cref="SignificanceBasis.Rows"/>). The difference "is significant for the challenger" when
/// p &lt; significance_level and t &lt; 0 (its absolute errors are smaller); "for the champion" when
/// p &lt; significance_level and t &gt; 0. For MAE the sign of t always matches the primary metric; for
/// RMSE, R² and MAPE a test pointing the other way counts as not significant.</para>
/// <para>Winner: "Challenger" when it is better on the primary metric and the difference is significant for it;
/// "Champion" when the challenger is worse and the difference is significant for the champion; otherwise "Tie"
/// (a difference the test cannot tell from noise).</para>
/// <para>ShouldPromote: Winner is "Challenger", ImprovementPct ≥ min_improvement_pct, and no checked segment
/// (≥ min_segment_rows rows) is worse by more than max_segment_regression_pct. The Recommendation names the
/// first condition that failed, in that order, or the figures behind a promotion.</para>
/// <para>The bootstrap CI (level 1 - significance_level) is reported, not used in the decision.</para>
/// </remarks>
public static class ModelComparer
{
    public const string ChallengerWins = "Challenger";
    public const string ChampionWins = "Champion";
    public const string Tie = "Tie";

    public static ComparisonOutcome Compare(ReadOnlySpan<double> actual, ReadOnlySpan<double> champion, ReadOnlySpan<double> challenger,
        int[]? groups, string[]? segments, ModelComparisonOptions options, int seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EvaluationInput.NotEmpty(actual.Length, "actual");
        EvaluationInput.SameLength(actual.Length, "actual", champion.Length, "champion");
        EvaluationInput.SameLength(actual.Length, "actual", challenger.Length, "challenger");
        if (groups is not null)
            EvaluationInput.SameLength(actual.Length, "actual", groups.Length, "groups");
        if (segments is not null)
            EvaluationInput.SameLength(actual.Length, "actual", segments.Length, "segments");

        var metric = options.PrimaryMetric;
        var alpha = options.SignificanceLevel;
        var championMetrics = MetricsCalculator.Compute(actual, champion);
        var challengerMetrics = MetricsCalculator.Compute(actual, challenger);
        var improvement = BootstrapImprovement.ImprovementPct(metric, championMetrics, challengerMetrics);

        var championAbs = new double[actual.Length];
        var challengerAbs = new double[actual.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            championAbs[i] = Math.Abs(champion[i] - actual[i]);
            challengerAbs[i] = Math.Abs(challenger[i] - actual[i]);
        }
        var rowTest = PairedTTest.Test(challengerAbs, championAbs);
        PairedTTestResult? unitTest = null;
        var unitCount = 0;
        if (groups is not null)
        {
            // Every unit weighs the same, whatever its row count: the unit is the replicate.
            var challengerUnits = UnitErrorTotal.PerUnit(actual, challenger, groups).Select(u => u.AbsoluteErrorSum / u.Rows).ToArray();
            var championUnits = UnitErrorTotal.PerUnit(actual, champion, groups).Select(u => u.AbsoluteErrorSum / u.Rows).ToArray();
            unitTest = PairedTTest.Test(challengerUnits, championUnits);
            unitCount = challengerUnits.Length;
        }
        var test = unitTest ?? rowTest;
        var basis = unitTest is null ? SignificanceBasis.Rows : SignificanceBasis.Units;
        var interval = BootstrapImprovement.Interval(actual, champion, challenger, groups, metric, options.BootstrapResamples, seed, 1 - alpha, cancellation);
        var segmentResults = segments is null
            ? Array.Empty<SegmentComparison>()
            : CompareSegments(actual, champion, challenger, segments, options);

        var significant = test.PValue < alpha;
        var winner = improvement > 0 && significant && test.Statistic < 0 ? ChallengerWins
            : improvement < 0 && significant && test.Statistic > 0 ? ChampionWins
            : Tie;
        var regressed = segmentResults.Where(s => s.Regressed).OrderBy(s => s.ImprovementPct).ToList();
        var promote = winner == ChallengerWins && improvement >= options.MinImprovementPct && regressed.Count == 0;

        var text = new RecommendationText(metric, championMetrics, challengerMetrics, improvement, test, basis, unitCount, rowTest, interval, options);
        return new ComparisonOutcome
        {
            Champion = championMetrics,
            Challenger = challengerMetrics,
            PrimaryMetric = metric,
            ImprovementPct = improvement,
            PValue = test.PValue,
            TStatistic = test.Statistic,
            TestNote = test.Note,
            SignificanceBasis = basis,
            UnitCount = unitTest is null ? null : unitCount,
            UnitPValue = unitTest?.PValue,
            UnitTStatistic = unitTest?.Statistic,
            RowPValue = rowTest.PValue,
            RowTStatistic = rowTest.Statistic,
            ConfidenceInterval = interval,
            Winner = winner,
            ShouldPromote = promote,
            Recommendation = text.Decide(regressed),
            Segments = segmentResults,
        };
    }

    public static ComparisonOutcome ChallengerOnly(ReadOnlySpan<double> actual, ReadOnlySpan<double> challenger, ModelComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var metrics = MetricsCalculator.Compute(actual, challenger);
        return new ComparisonOutcome
        {
            Champion = null,
            Challenger = metrics,
            PrimaryMetric = options.PrimaryMetric,
            ImprovementPct = 0,
            PValue = 1,
            TStatistic = 0,
            TestNote = "No champion: nothing to test against.",
            RowPValue = 1,
            ConfidenceInterval = new ConfidenceInterval(0, 0, 1 - options.SignificanceLevel),
            Winner = ChallengerWins,
            ShouldPromote = true,
            Recommendation = RecommendationText.NoChampion(options.PrimaryMetric, metrics),
        };
    }

    private static SegmentComparison[] CompareSegments(ReadOnlySpan<double> actual, ReadOnlySpan<double> champion, ReadOnlySpan<double> challenger,
        string[] segments, ModelComparisonOptions options)
    {
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            var label = segments[i] ?? "";
            if (!rows.TryGetValue(label, out var list))
                rows.Add(label, list = new List<int>());
            list.Add(i);
        }

        var result = new List<SegmentComparison>(rows.Count);
        foreach (var (label, list) in rows.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var y = new double[list.Count];
            var a = new double[list.Count];
            var b = new double[list.Count];
            for (var k = 0; k < list.Count; k++)
                (y[k], a[k], b[k]) = (actual[list[k]], champion[list[k]], challenger[list[k]]);
            var championMetrics = MetricsCalculator.Compute(y, a);
            var challengerMetrics = MetricsCalculator.Compute(y, b);
            var improvement = BootstrapImprovement.ImprovementPct(options.PrimaryMetric, championMetrics, challengerMetrics);
            var isChecked = list.Count >= options.MinSegmentRows;
            result.Add(new SegmentComparison
            {
                Segment = label,
                Count = list.Count,
                Champion = championMetrics,
                Challenger = challengerMetrics,
                ImprovementPct = improvement,
                Checked = isChecked,
                Regressed = isChecked && -improvement > options.MaxSegmentRegressionPct,
            });
        }
        return result.ToArray();
    }
}
