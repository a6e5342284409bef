namespace Retrain.Engine.Tracking;

/// <summary>The experiments Retrain writes to; each is created on first use.</summary>
public static class ExperimentNames
{
    public const string DriftMonitoring = "drift_monitoring";
    public const string ModelComparison = "model_comparison";
    public const string ModelDeployment = "model_deployment";
    public const string RetrainingPipeline = "retraining_pipeline";
    public const string AutomatedRetraining = "automated_retraining";

    public static readonly IReadOnlyList<string> All = new[] { DriftMonitoring, ModelComparison, ModelDeployment, RetrainingPipeline, AutomatedRetraining };
}
