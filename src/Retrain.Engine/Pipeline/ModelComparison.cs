using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>Scores champion and challenger on the same labelled rows, decides, and logs the comparison.</summary>
public static class ModelComparison
{
    /// <summary>
    /// Compares <paramref name="challengerUri"/> with <paramref name="championUri"/> (default: the production
    /// version of deployment.model_name; without one the challenger wins by default) on <paramref name="testData"/>.
    /// Both models are judged against one stated target: capped at model_comparison.target_cap, else at the challenger's
    /// own training cap (none if it had none), never at the session's training.rul_cap (<see cref="EvaluationLabels"/>);
    /// the cap is recorded in the report, its recommendation and the logged run. Models trained with different caps or
    /// feature sets are still compared, with a warning in <see cref="ComparisonReport.Warnings"/>.
    /// The comparison is logged in model_comparison, unless <paramref name="log"/> is false (Compare-Model -NoLog).
    /// </summary>
    public static ComparisonReport Compare(IRetrainStore store, RetrainOptions options, string challengerUri, string? championUri, Dataset testData,
        string? targetColumn = null, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default, bool log = true)
    {
        const string activity = "Comparing champion and challenger";
        var target = targetColumn ?? options.Data.TargetColumn;

        progress?.Report(new EngineProgress(activity, "Loading the challenger", 5));
        using var challenger = ScoredModel.Load(store, challengerUri, options.BaseDirectory);
        progress?.Report(new EngineProgress(activity, "Loading the champion", 10));
        using var champion = championUri is not null
            ? ScoredModel.Load(store, championUri, options.BaseDirectory)
            : ScoredModel.LoadProduction(store, challenger.Version?.Name ?? options.Deployment.ModelName, options.BaseDirectory);

        var (cap, capSource) = TargetCap(options, challenger);
        var actual = EvaluationLabels.From(testData, target, cap);

        progress?.Report(new EngineProgress(activity, $"Scoring {testData.RowCount} rows with {challenger.Uri}", 20, Judged(target, cap, capSource)));
        var challengerPredictions = challenger.Predict(testData);
        double[]? championPredictions = null;
        if (champion is not null)
        {
            progress?.Report(new EngineProgress(activity, $"Scoring {testData.RowCount} rows with {champion.Uri}", 45));
            championPredictions = champion.Predict(testData);
        }
        return Decide(store, options, new Scored(champion, championPredictions, challenger, challengerPredictions), testData, actual, (cap, capSource, target),
            progress, cancellation, log, join: null);
    }

    /// <summary>The champion and challenger as compared: each model (for its URI and manifest) with its predictions on the test rows.</summary>
    internal sealed record Scored(ScoredModel? Champion, double[]? ChampionPredictions, ScoredModel Challenger, double[] ChallengerPredictions);

    /// <summary>
    /// The cap both models are judged against: model_comparison.target_cap, else the challenger's own training cap
    /// (none if it had none), never the session's training.rul_cap.
    /// </summary>
    internal static (double? Cap, string Source) TargetCap(RetrainOptions options, ScoredModel challenger) =>
        options.ModelComparison.TargetCap is double configured
            ? (configured, "model_comparison.target_cap")
            : (challenger.Predictor.Manifest.RulCap, challenger.Predictor.Manifest.RulCap is null ? "the challenger was trained without a cap" : "the challenger's training cap");

    private static string Judged(string target, double? cap, string capSource) => $"Both judged against {EvaluationLabels.Describe(target, cap)} ({capSource}).";

    /// <summary>
    /// The decision and the report from both models' predictions on <paramref name="testData"/>'s rows (scored here, or
    /// joined from the prediction log with <paramref name="join"/> saying how), logged unless <paramref name="log"/> is false.
    /// </summary>
    internal static ComparisonReport Decide(IRetrainStore store, RetrainOptions options, Scored scored, Dataset testData, double[] actual,
        (double? Cap, string Source, string Target) judged, IProgress<EngineProgress>? progress, CancellationToken cancellation, bool log, PredictionJoinSummary? join)
    {
        const string activity = "Comparing champion and challenger";
        var (champion, challenger) = (scored.Champion, scored.Challenger);
        var (cap, capSource) = (judged.Cap, judged.Source);
        var judgedAgainst = Judged(judged.Target, cap, capSource);
        var warnings = champion is null ? [] : Mismatches(champion, challenger);
        // Units and segments are categories: numbers or text ids alike (Dataset.Labels).
        int[]? groups = options.Data.GroupColumn is { } g && testData.HasColumn(g) ? testData.Labels(g).ToCodeArray() : null;
        string[]? segments = options.ModelComparison.SegmentColumn is { } s ? Segments(testData.Labels(s)) : null;

        ComparisonOutcome outcome;
        if (champion is null)
        {
            outcome = ModelComparer.ChallengerOnly(actual, scored.ChallengerPredictions, options.ModelComparison);
        }
        else
        {
            progress?.Report(new EngineProgress(activity, $"Paired t-tests and {options.ModelComparison.BootstrapResamples} bootstrap resamples", 70));
            outcome = ModelComparer.Compare(actual, scored.ChampionPredictions!, scored.ChallengerPredictions, groups, segments, options.ModelComparison, options.Training.Seed, cancellation);
        }

        var report = new ComparisonReport
        {
            ModelName = challenger.Version?.Name ?? champion?.Version?.Name,
            Champion = champion?.Uri,
            ChampionVersion = champion?.Version?.Version,
            Challenger = challenger.Uri,
            ChallengerVersion = challenger.Version?.Version,
            MetricsComparison = new MetricsComparison { Champion = outcome.Champion, Challenger = outcome.Challenger },
            PrimaryMetric = outcome.PrimaryMetric,
            ImprovementPct = outcome.ImprovementPct,
            PValue = outcome.PValue,
            TStatistic = outcome.TStatistic,
            TestNote = outcome.TestNote,
            SignificanceBasis = outcome.SignificanceBasis,
            UnitCount = outcome.UnitCount,
            UnitPValue = outcome.UnitPValue,
            UnitTStatistic = outcome.UnitTStatistic,
            RowPValue = outcome.RowPValue,
            RowTStatistic = outcome.RowTStatistic,
            ConfidenceInterval = outcome.ConfidenceInterval,
            Winner = outcome.Winner,
            ShouldPromote = outcome.ShouldPromote,
            Recommendation = outcome.Recommendation + " " + judgedAgainst + (join is null ? "" : $" On the prediction log: {join}."),
            TargetCap = cap,
            TargetCapSource = capSource,
            Warnings = warnings,
            Segments = outcome.Segments,
            TestRows = testData.RowCount,
            TestUnits = groups?.Distinct().Count(),
            TestData = testData.Source,
            ShadowJoin = join,
            Timestamp = DateTimeOffset.UtcNow,
        };
        if (log)
        {
            progress?.Report(new EngineProgress(activity, "Logging the comparison", 95));
            Log(store, report);
        }
        return report;
    }

    private static void Log(IRetrainStore store, ComparisonReport report) =>
        TrackedRun.Execute(store, ExperimentNames.ModelComparison, StoreNames.FitRunName($"{report.Challenger} vs {report.Champion ?? "none"}"), null, run =>
        {
            run.Params(new Dictionary<string, string>
            {
                ["champion"] = report.Champion ?? "none",
                ["challenger"] = report.Challenger,
                ["primary_metric"] = report.PrimaryMetric.ToString().ToLowerInvariant(),
                ["test_data"] = report.TestData ?? "",
                ["test_rows"] = report.TestRows.ToString(CultureInfo.InvariantCulture),
                ["target_cap"] = report.TargetCap?.ToString("R", CultureInfo.InvariantCulture) ?? "none",
            });
            if (report.ShadowJoin is { } join)
                run.Params(new Dictionary<string, string>
                {
                    ["source"] = "prediction_log",
                    ["outcome_rows"] = join.OutcomeRows.ToString(CultureInfo.InvariantCulture),
                    ["joined_rows"] = join.JoinedRows.ToString(CultureInfo.InvariantCulture),
                    ["outcomes_without_prediction"] = join.WithoutPrediction.ToString(CultureInfo.InvariantCulture),
                    ["outcomes_not_scored_by_both"] = join.NotScoredByBoth.ToString(CultureInfo.InvariantCulture),
                });
            run.Tags(new Dictionary<string, string>
            {
                ["winner"] = report.Winner,
                ["should_promote"] = report.ShouldPromote ? "true" : "false",
                ["significance_basis"] = report.SignificanceBasis.ToString().ToLowerInvariant(),
            });
            var t = report.Timestamp;
            var metrics = new List<MetricPoint>
            {
                new("improvement_pct", report.ImprovementPct, 0, t),
                new("p_value", report.PValue, 0, t),
                new("t_statistic", report.TStatistic, 0, t),
                new("row_p_value", report.RowPValue, 0, t),
                new("ci_lower_pct", report.ConfidenceInterval.Lower, 0, t),
                new("ci_upper_pct", report.ConfidenceInterval.Upper, 0, t),
            };
            if (report.UnitPValue is { } unitP)
                metrics.Add(new("unit_p_value", unitP, 0, t));
            foreach (var row in report.MetricsComparison.Rows)
            {
                metrics.Add(new($"challenger_{row.Metric.ToLowerInvariant()}", row.Challenger, 0, t));
                if (row.Champion is { } c)
                    metrics.Add(new($"champion_{row.Metric.ToLowerInvariant()}", c, 0, t));
            }
            run.Metrics(metrics);
            run.Artifact("comparison_report.json", TrackingJson.ToStream(report));
            report.RunId = run.RunId;
            return true;
        });

    /// <summary>What makes the two models' figures less comparable than they look: different training caps or inputs.</summary>
    private static string[] Mismatches(ScoredModel champion, ScoredModel challenger)
    {
        var (a, b) = (champion.Predictor.Manifest, challenger.Predictor.Manifest);
        var warnings = new List<string>();
        if (a.RulCap != b.RulCap)
            warnings.Add($"The models were trained with different RUL caps: {champion.Uri} {DescribeCap(a.RulCap)}, {challenger.Uri} {DescribeCap(b.RulCap)}. " +
                "Both are judged against one target, which favours the model trained for it; set model_comparison.target_cap to choose it.");
        var (fa, fb) = (FeatureSet(a), FeatureSet(b));
        if (!fa.SetEquals(fb))
        {
            var onlyA = fa.Except(fb).Order(StringComparer.Ordinal).ToArray();
            var onlyB = fb.Except(fa).Order(StringComparer.Ordinal).ToArray();
            warnings.Add($"The models use different features: only {champion.Uri} has {Names(onlyA)}; only {challenger.Uri} has {Names(onlyB)}.");
        }
        return warnings.ToArray();
    }

    private static string DescribeCap(double? cap) => cap is double c ? "capped at " + c.ToString("0.###", CultureInfo.InvariantCulture) : "without a cap";

    // The model's own inputs (window features included), which is what it learnt from.
    private static HashSet<string> FeatureSet(Training.ModelManifest m) =>
        (m.ModelFeatures.Count > 0 ? m.ModelFeatures : m.Features).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Names(string[] names) => names.Length == 0 ? "none"
        : names.Length <= 5 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $" and {names.Length - 5} more";

    private static string[] Segments(LabelColumn segments) => Enumerable.Range(0, segments.RowCount).Select(r => segments[r]).ToArray();
}
