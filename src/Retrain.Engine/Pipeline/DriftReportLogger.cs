using System.Globalization;
using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Pipeline;

/// <summary>Records a drift report as a run of the drift_monitoring experiment.</summary>
public static class DriftReportLogger
{
    public const string ReportArtifact = "drift_report.json";

    /// <summary>Logs <paramref name="report"/> (statistics as metrics, the whole report as JSON) and sets its RunId.</summary>
    public static Run Log(IRetrainStore store, DriftReport report)
    {
        var run = store.StartRun(ExperimentNames.DriftMonitoring, $"drift {report.Timestamp:yyyy-MM-dd HH:mm}");
        try
        {
            store.LogParams(run.RunId, new Dictionary<string, string>
            {
                ["reference_window"] = report.ReferenceWindow,
                ["current_window"] = report.CurrentWindow,
                ["correction"] = report.Correction.ToString(),
                ["data_drift_threshold"] = report.Threshold.ToString("R", CultureInfo.InvariantCulture),
                ["min_statistic"] = report.MinStatistic.ToString("R", CultureInfo.InvariantCulture),
                ["features"] = report.Features.Count.ToString(CultureInfo.InvariantCulture),
            });
            store.SetRunTags(run.RunId, new Dictionary<string, string>
            {
                ["drift_detected"] = report.DriftDetected ? "true" : "false",
                ["drift_type"] = report.DriftType.ToString(),
                ["status"] = report.Status.ToString(),
                ["affected_features"] = string.Join(",", report.AffectedFeatures),
                ["concept_drift_assessed"] = report.ConceptDriftAssessed ? "true" : "false",
                ["model_uri"] = report.ModelUri ?? "",
            });
            store.LogMetrics(run.RunId, Metrics(report));
            store.LogArtifact(run.RunId, ReportArtifact, TrackingJson.ToStream(report));
            report.RunId = run.RunId;
            return store.EndRun(run.RunId, RunStatus.Finished);
        }
        catch
        {
            store.EndRun(run.RunId, RunStatus.Failed);
            throw;
        }
    }

    private static IEnumerable<MetricPoint> Metrics(DriftReport report)
    {
        var t = report.Timestamp;
        yield return new MetricPoint("drift_score", report.DriftScore, 0, t);
        yield return new MetricPoint("drifted_features", report.AffectedFeatures.Count, 0, t);
        yield return new MetricPoint("reference_rows", report.ReferenceCount, 0, t);
        yield return new MetricPoint("current_rows", report.CurrentCount, 0, t);
        if (report.ConceptDriftScore is { } concept)
            yield return new MetricPoint("concept_drift_score", concept, 0, t);
        if (report.ReferenceMae is { } referenceMae)
            yield return new MetricPoint("reference_mae", referenceMae, 0, t);
        if (report.CurrentMae is { } currentMae)
            yield return new MetricPoint("current_mae", currentMae, 0, t);
        foreach (var f in report.Features)
        {
            yield return new MetricPoint($"ks_statistic.{f.Feature}", f.Statistic, 0, t);
            yield return new MetricPoint($"p_value.{f.Feature}", f.PValue, 0, t);
            yield return new MetricPoint($"adjusted_p_value.{f.Feature}", f.AdjustedPValue, 0, t);
            yield return new MetricPoint($"psi.{f.Feature}", f.Psi, 0, t);
            yield return new MetricPoint($"wasserstein.{f.Feature}", f.Wasserstein, 0, t);
        }
    }
}
