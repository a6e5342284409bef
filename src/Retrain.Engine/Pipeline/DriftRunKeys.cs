namespace Retrain.Engine.Pipeline;

/// <summary>
/// The names of what a drift_monitoring run records that <see cref="DriftHistory"/> reads back: written by
/// <see cref="DriftReportLogger"/> and read by <see cref="DriftHistory"/> from these constants only.
/// </summary>
public static class DriftRunKeys
{
    // tags
    public const string DriftDetected = "drift_detected";
    public const string DriftType = "drift_type";
    public const string Status = "status";
    public const string AffectedFeatures = "affected_features";

    // params
    public const string ReferenceWindow = "reference_window";
    public const string CurrentWindow = "current_window";
    public const string CurrentWindowEnd = "current_window_end";

    // metrics
    public const string DriftScore = "drift_score";
    public const string ConceptDriftScore = "concept_drift_score";

    public const char FeatureSeparator = ',';

    public static string Flag(bool value) => value ? "true" : "false";
}
