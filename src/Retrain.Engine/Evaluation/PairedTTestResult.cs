namespace Retrain.Engine.Evaluation;

/// <summary>
/// The outcome of a paired t-test. <paramref name="Note"/> is null for an ordinary result and says
/// which rule applied when the data left the t statistic undefined or unbounded.
/// </summary>
public readonly record struct PairedTTestResult(double Statistic, double PValue, int DegreesOfFreedom, string? Note);
