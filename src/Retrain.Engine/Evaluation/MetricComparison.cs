namespace Retrain.Engine.Evaluation;

/// <summary>One metric of both models side by side, for a table a reviewer reads.</summary>
public sealed class MetricComparison
{
    public required string Metric { get; init; }
    public double? Champion { get; init; }
    public required double Challenger { get; init; }
    public bool LowerIsBetter { get; init; }

    /// <summary>Challenger minus champion; null without a champion.</summary>
    public double? Difference => Champion is { } c ? Challenger - c : null;

    public string Better => Champion is not { } c || c == Challenger ? "-" : (Challenger < c) == LowerIsBetter ? "Challenger" : "Champion";

    public static IReadOnlyList<MetricComparison> Table(RegressionMetrics? champion, RegressionMetrics challenger) => new[]
    {
        new MetricComparison { Metric = "MAE", Champion = champion?.Mae, Challenger = challenger.Mae, LowerIsBetter = true },
        new MetricComparison { Metric = "RMSE", Champion = champion?.Rmse, Challenger = challenger.Rmse, LowerIsBetter = true },
        new MetricComparison { Metric = "R2", Champion = champion?.R2, Challenger = challenger.R2, LowerIsBetter = false },
        new MetricComparison { Metric = "MAPE", Champion = champion?.Mape, Challenger = challenger.Mape, LowerIsBetter = true },
    };
}
