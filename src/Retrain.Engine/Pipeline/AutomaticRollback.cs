using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The check a scheduled run makes first (the seed's enable_rollback): a Production version deployed within
/// deployment.rollback_window_days is scored, with the version it replaced, on the labelled rows that arrived since its
/// deployment (rows after the data_end of the pipeline run that deployed it; for a version published by hand, rows
/// stamped after the deployment), against the same target (<see cref="ModelComparison.TargetCap"/>). When its primary
/// metric is worse by more than deployment.rollback_regression_pct, it is rolled back to that version through
/// <see cref="DeploymentWorkflow.Rollback"/>.
/// </summary>
public static class AutomaticRollback
{
    public sealed record Assessment(bool Regressed, int? Version, int? Replaced, double? RegressionPct, int Rows, string Explanation)
    {
        public static Assessment NotChecked(string why) => new(false, null, null, null, 0, why);
    }

    public static Assessment Assess(IRetrainStore store, RetrainOptions options, ModelVersion production, Dataset data, DateTimeOffset now,
        IProgress<EngineProgress>? progress = null)
    {
        const string activity = "Rollback check";
        double window = options.Deployment.RollbackWindowDays;
        if (window <= 0)
            return Assessment.NotChecked("deployment.rollback_window_days is 0: no automatic rollback");
        string name = production.Name;
        DeploymentHistoryEntry? deployed = DeploymentHistory.Read(store, name)
            .LastOrDefault(e => e.Version == production.Version && e.Action is DeploymentAction.Promoted or DeploymentAction.Approved);
        if (deployed is null)
            return Assessment.NotChecked($"v{production.Version} has no deployment in the history to check");
        double age = (now - deployed.Timestamp).TotalDays;
        if (age > window)
            return Assessment.NotChecked($"v{production.Version} was deployed {Days(age)} day(s) ago, outside deployment.rollback_window_days ({Days(window)})");
        if (deployed.PreviousVersion is not int replaced)
            return Assessment.NotChecked($"v{production.Version} replaced no version, so there is nothing to roll back to");
        string target = options.Data.TargetColumn;
        if (!data.HasColumn(target) || data.Timestamps is null)
            return Assessment.NotChecked($"the data has no '{target}' labels with timestamps to judge v{production.Version} on");

        DateTimeOffset since = DataEndAtDeployment(store, name, production.Version) ?? deployed.Timestamp;
        var ts = data.Timestamps;
        Dataset rows = data.Where(r => ts[r] > since);
        if (rows.RowCount < 2)
            return Assessment.NotChecked($"no labelled rows arrived since v{production.Version} was deployed (after {TimestampParser.Format(since)})");

        progress?.Report(new EngineProgress(activity, $"Scoring v{production.Version} and v{replaced} on {rows.RowCount} rows since the deployment", 10));
        using var current = ScoredModel.Load(store, production.Uri, options.BaseDirectory);
        using var previous = ScoredModel.Load(store, $"models:/{name}/{replaced.ToString(CultureInfo.InvariantCulture)}", options.BaseDirectory);
        var (cap, _) = ModelComparison.TargetCap(options, current);
        double[] actual = EvaluationLabels.From(rows, target, cap);
        RegressionMetrics now_ = MetricsCalculator.Compute(actual, current.Predict(rows));
        RegressionMetrics before = MetricsCalculator.Compute(actual, previous.Predict(rows));
        PrimaryMetric metric = options.ModelComparison.PrimaryMetric;
        double a = now_.Get(metric), b = before.Get(metric);
        double pct = b == 0 ? (a == b ? 0 : double.PositiveInfinity)
            : (RegressionMetrics.LowerIsBetter(metric) ? a - b : b - a) / Math.Abs(b) * 100;
        string metricName = metric.ToString().ToUpperInvariant();
        bool regressed = pct > options.Deployment.RollbackRegressionPct;
        string explanation = $"on the {rows.RowCount} labelled rows since its deployment, v{production.Version} has {metricName} {a:0.###} against " +
            $"{b:0.###} for v{replaced}, the version it replaced ({(pct >= 0 ? "worse" : "better")} by {Math.Abs(pct):0.#}%; " +
            $"deployment.rollback_regression_pct is {options.Deployment.RollbackRegressionPct:0.#})";
        return new Assessment(regressed, production.Version, replaced, pct, rows.RowCount, explanation);
    }

    /// <summary>Rolls back to the version the regressed one replaced, with the assessment as the reason.</summary>
    public static DeploymentRecord Rollback(IRetrainStore store, RetrainOptions options, string modelName, Assessment assessment) =>
        DeploymentWorkflow.Rollback(store, options, modelName, assessment.Replaced, $"Automatic rollback: {assessment.Explanation}.");

    /// <summary>The data_end of the pipeline run that deployed this version, when a pipeline run did.</summary>
    private static DateTimeOffset? DataEndAtDeployment(IRetrainStore store, string modelName, int version)
    {
        Run? run = store.SearchRuns(new RunQuery
        {
            ExperimentNames = [ExperimentNames.RetrainingPipeline],
            Tags = new Dictionary<string, string>
            {
                [RunTags.ModelName] = modelName,
                [PipelineRunKeys.DeployedVersion] = version.ToString(CultureInfo.InvariantCulture),
            },
            MaxResults = 1,
        }).FirstOrDefault();
        return run?.Params.GetValueOrDefault(PipelineRunKeys.DataEnd) is { } text && TimestampParser.TryParse(text, out var end) ? end : null;
    }

    private static string Days(double days) => days.ToString("0.##", CultureInfo.InvariantCulture);
}
