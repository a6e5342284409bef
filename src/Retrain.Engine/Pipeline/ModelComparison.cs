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
    /// <paramref name="log"/> false compares without logging a run (Compare-Model -NoLog).
    /// Labels are the target capped at training.rul_cap when set (<see cref="EvaluationLabels"/>). The comparison is logged in model_comparison.
    /// </summary>
    public static ComparisonReport Compare(IRetrainStore store, RetrainOptions options, string challengerUri, string? championUri, Dataset testData,
        string? targetColumn = null, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default, bool log = true)
    {
        const string activity = "Comparing champion and challenger";
        var target = targetColumn ?? options.Data.TargetColumn;
        var actual = EvaluationLabels.From(testData, target, options.Training);

        progress?.Report(new EngineProgress(activity, "Loading the challenger", 5));
        using var challenger = ScoredModel.Load(store, challengerUri, options.BaseDirectory);
        progress?.Report(new EngineProgress(activity, "Loading the champion", 10));
        using var champion = championUri is not null
            ? ScoredModel.Load(store, championUri, options.BaseDirectory)
            : ScoredModel.LoadProduction(store, challenger.Version?.Name ?? options.Deployment.ModelName, options.BaseDirectory);

        progress?.Report(new EngineProgress(activity, $"Scoring {testData.RowCount} rows with {challenger.Uri}", 20));
        var challengerPredictions = challenger.Predict(testData);
        int[]? groups = options.Data.GroupColumn is { } g && testData.HasColumn(g) ? Groups(testData.Column(g)) : null;
        string[]? segments = options.ModelComparison.SegmentColumn is { } s ? Segments(testData.Column(s)) : null;

        ComparisonOutcome outcome;
        if (champion is null)
        {
            outcome = ModelComparer.ChallengerOnly(actual, challengerPredictions, options.ModelComparison);
        }
        else
        {
            progress?.Report(new EngineProgress(activity, $"Scoring {testData.RowCount} rows with {champion.Uri}", 45));
            var championPredictions = champion.Predict(testData);
            progress?.Report(new EngineProgress(activity, $"Paired t-test and {options.ModelComparison.BootstrapResamples} bootstrap resamples", 70));
            outcome = ModelComparer.Compare(actual, championPredictions, challengerPredictions, groups, segments, options.ModelComparison, options.Training.Seed, cancellation);
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
            ConfidenceInterval = outcome.ConfidenceInterval,
            Winner = outcome.Winner,
            ShouldPromote = outcome.ShouldPromote,
            Recommendation = outcome.Recommendation,
            Segments = outcome.Segments,
            TestRows = testData.RowCount,
            TestUnits = groups?.Distinct().Count(),
            TestData = testData.Source,
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
        TrackedRun.Execute(store, ExperimentNames.ModelComparison, $"{report.Challenger} vs {report.Champion ?? "none"}", null, run =>
        {
            run.Params(new Dictionary<string, string>
            {
                ["champion"] = report.Champion ?? "none",
                ["challenger"] = report.Challenger,
                ["primary_metric"] = report.PrimaryMetric.ToString().ToLowerInvariant(),
                ["test_data"] = report.TestData ?? "",
                ["test_rows"] = report.TestRows.ToString(CultureInfo.InvariantCulture),
            });
            run.Tags(new Dictionary<string, string>
            {
                ["winner"] = report.Winner,
                ["should_promote"] = report.ShouldPromote ? "true" : "false",
            });
            var t = report.Timestamp;
            var metrics = new List<MetricPoint>
            {
                new("improvement_pct", report.ImprovementPct, 0, t),
                new("p_value", report.PValue, 0, t),
                new("t_statistic", report.TStatistic, 0, t),
                new("ci_lower_pct", report.ConfidenceInterval.Lower, 0, t),
                new("ci_upper_pct", report.ConfidenceInterval.Upper, 0, t),
            };
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

    private static int[] Groups(double[] ids)
    {
        // Unit ids are numbers; map each distinct id to a dense index so any numeric id works.
        var index = new Dictionary<double, int>();
        var groups = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!index.TryGetValue(ids[i], out var g))
                index[ids[i]] = g = index.Count;
            groups[i] = g;
        }
        return groups;
    }

    private static string[] Segments(double[] values) => values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
}
