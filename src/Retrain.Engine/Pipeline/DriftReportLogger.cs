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

    /// <summary>Logs <paramref name="report"/> (statistics as metrics, the whole report as JSON) in one batch and sets its RunId.</summary>
    public static Run Log(IRetrainStore store, DriftReport report)
    {
        var (_, run) = TrackedRun.Execute(store, ExperimentNames.DriftMonitoring, $"drift {report.Timestamp:yyyy-MM-dd HH:mm}", null, run =>
        {
            run.Params(new Dictionary<string, string>
            {
                [DriftRunKeys.ReferenceWindow] = report.ReferenceWindow,
                [DriftRunKeys.CurrentWindow] = report.CurrentWindow,
                ["correction"] = report.Correction.ToString(),
                ["data_drift_threshold"] = report.Threshold.ToString("R", CultureInfo.InvariantCulture),
                ["min_statistic"] = report.MinStatistic.ToString("R", CultureInfo.InvariantCulture),
                ["features"] = report.Features.Count.ToString(CultureInfo.InvariantCulture),
                ["p_value_basis"] = report.PValueBasis.ToString(),
                ["null_scheme"] = report.NullScheme ?? "",
                ["permutations"] = report.Permutations.ToString(CultureInfo.InvariantCulture),
                ["permutations_exact"] = DriftRunKeys.Flag(report.PermutationsExact),
            });
            if (report.CurrentWindowEnd is { } end)
                run.Params(new Dictionary<string, string> { [DriftRunKeys.CurrentWindowEnd] = Data.TimestampParser.Format(end) });
            run.Tags(new Dictionary<string, string>
            {
                [DriftRunKeys.DriftDetected] = DriftRunKeys.Flag(report.DriftDetected),
                [DriftRunKeys.DriftType] = report.DriftType.ToString(),
                [DriftRunKeys.Status] = report.Status.ToString(),
                [DriftRunKeys.AffectedFeatures] = string.Join(DriftRunKeys.FeatureSeparator, report.AffectedFeatures),
                ["concept_drift_assessed"] = DriftRunKeys.Flag(report.ConceptDriftAssessed),
                ["model_uri"] = report.ModelUri ?? "",
                ["reference_error_source"] = report.ReferenceErrorSource?.ToString() ?? "",
                ["concept_drift_significant"] = report.ConceptDriftSignificant is { } significant ? DriftRunKeys.Flag(significant) : "untested",
            });
            run.Metrics(Metrics(report));
            run.Artifact(ReportArtifact, TrackingJson.ToStream(report));
            report.RunId = run.RunId;
            return true;
        });
        return run;
    }

    private static IEnumerable<MetricPoint> Metrics(DriftReport report)
    {
        var t = report.Timestamp;
        yield return new MetricPoint(DriftRunKeys.DriftScore, report.DriftScore, 0, t);
        yield return new MetricPoint("drifted_features", report.AffectedFeatures.Count, 0, t);
        yield return new MetricPoint("reference_rows", report.ReferenceCount, 0, t);
        yield return new MetricPoint("current_rows", report.CurrentCount, 0, t);
        if (report.ConceptDriftScore is { } concept)
            yield return new MetricPoint(DriftRunKeys.ConceptDriftScore, concept, 0, t);
        if (report.ReferenceMae is { } referenceMae)
            yield return new MetricPoint("reference_mae", referenceMae, 0, t);
        if (report.ReferenceErrorRows is { } referenceErrorRows)
            yield return new MetricPoint("reference_error_rows", referenceErrorRows, 0, t);
        if (report.CurrentMae is { } currentMae)
            yield return new MetricPoint("current_mae", currentMae, 0, t);
        if (report.ConceptDriftLower is { } lower && report.ConceptDriftUpper is { } upper)
        {
            yield return new MetricPoint("concept_drift_ci_lower", lower, 0, t);
            yield return new MetricPoint("concept_drift_ci_upper", upper, 0, t);
        }
        foreach (var f in report.Features)
        {
            yield return new MetricPoint($"ks_statistic.{f.Feature}", f.Statistic, 0, t);
            yield return new MetricPoint($"p_value.{f.Feature}", f.PValue, 0, t);
            yield return new MetricPoint($"adjusted_p_value.{f.Feature}", f.AdjustedPValue, 0, t);
            if (f.CalibratedPValue is { } calibrated)
                yield return new MetricPoint($"calibrated_p_value.{f.Feature}", calibrated, 0, t);
            if (f.CalibratedAdjustedPValue is { } calibratedAdjusted)
                yield return new MetricPoint($"calibrated_adjusted_p_value.{f.Feature}", calibratedAdjusted, 0, t);
            yield return new MetricPoint($"psi.{f.Feature}", f.Psi, 0, t);
            yield return new MetricPoint($"wasserstein.{f.Feature}", f.Wasserstein, 0, t);
        }
    }
}
