using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>What one drift check looks at: the two datasets as read, and the caller's choices (null = configuration).</summary>
public sealed class DriftCheckRequest
{
    public required Dataset Reference { get; init; }
    public required Dataset Current { get; init; }
    public string? TargetColumn { get; init; }
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>The model for the concept check; null takes the production version of deployment.model_name.</summary>
    public string? ModelUri { get; init; }
    /// <summary>The end of the current window when the data is timestamped; null takes the latest row.</summary>
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>False checks without logging a run (Test-ModelDrift -NoLog): the store is only read.</summary>
    public bool Log { get; init; } = true;
}

/// <summary>
/// The whole drift check as Test-ModelDrift and the retraining pipeline run it: windows, feature choice, the concept
/// check, detection and logging as a drift_monitoring run. Diagnostics go to <c>progress</c> as verbose messages.
/// </summary>
public static class DriftCheck
{
    private const string Activity = "Drift check";

    public static DriftReport Run(IRetrainStore store, RetrainOptions options, DriftCheckRequest request,
        IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        var (reference, current) = DriftWindows.Apply(request.Reference, request.Current, options.DriftDetection, options.Pipeline, request.AsOf);
        var target = request.TargetColumn ?? options.Data.TargetColumn;
        var choice = FeatureSelection.Choose(options.Data, target, request.Features, reference, current);
        if (choice.Note is { } note)
            progress?.Report(EngineProgress.Say(Activity, note));
        var features = choice.Features;
        progress?.Report(EngineProgress.Say(Activity,
            $"Testing {features.Count} features: {reference.RowCount} reference rows ({reference.Source}) against {current.RowCount} current rows ({current.Source})."));
        var concept = ConceptDriftCheck.Assess(store, options, reference, current, target, request.ModelUri, progress, cancellation);
        var report = new DataDriftDetector(options.DriftDetection, options.Data.GroupColumn).Detect(reference, current, features, concept, progress, cancellation);
        if (!report.ConceptDriftAssessed)
            progress?.Report(EngineProgress.Say(Activity, $"Concept drift not assessed: {report.ConceptNote}"));
        cancellation.ThrowIfCancellationRequested();
        if (!request.Log)
        {
            progress?.Report(EngineProgress.Say(Activity, "Not logged (no run was written)."));
            return report;
        }
        DriftReportLogger.Log(store, report);
        progress?.Report(EngineProgress.Say(Activity, $"Logged as run {report.RunId} of experiment {Tracking.ExperimentNames.DriftMonitoring} in {store.Location}."));
        return report;
    }
}
