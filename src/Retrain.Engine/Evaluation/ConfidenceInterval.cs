namespace Retrain.Engine.Evaluation;

/// <summary>A two-sided confidence interval; <paramref name="Level"/> is its coverage (0.95 = 95%).</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level);
