namespace Retrain.Engine.Evaluation;

/// <summary>
/// Both models' metrics, shaped as the Python API this module replaces reads them
/// (<c>comparison.metrics_comparison['champion']['mae']</c>): <c>$c.MetricsComparison.Champion.Mae</c>, or
/// <c>$c.MetricsComparison['champion']['mae']</c>. <see cref="Rows"/> is the same side by side, one row a metric,
/// which is what the default view shows.
/// </summary>
public sealed class MetricsComparison
{
    /// <summary>The champion's metrics, or null when there was no champion.</summary>
    public RegressionMetrics? Champion { get; init; }
    public required RegressionMetrics Challenger { get; init; }

    /// <summary>MAE, RMSE, R2 and MAPE of both models side by side.</summary>
    public IReadOnlyList<MetricComparison> Rows => MetricComparison.Table(Champion, Challenger);

    /// <summary>'champion' or 'challenger' (any case), as the seed's dictionary keys.</summary>
    public RegressionMetrics? this[string model] => model.ToLowerInvariant() switch
    {
        "champion" => Champion,
        "challenger" => Challenger,
        _ => throw new KeyNotFoundException($"'{model}' is not a model of the comparison: use 'champion' or 'challenger'."),
    };

    public override string ToString() => Champion is null ? $"challenger {Challenger}" : $"challenger {Challenger}; champion {Champion}";
}
