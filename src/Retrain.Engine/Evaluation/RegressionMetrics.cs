using Retrain.Engine.Configuration;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// Regression metrics of one model on one set of rows, as scikit-learn computes them.
/// Every value is finite: the rules for degenerate input are on <see cref="MetricsCalculator"/>.
/// </summary>
public sealed class RegressionMetrics
{
    /// <summary>Mean absolute error (sklearn <c>mean_absolute_error</c>).</summary>
    public double Mae { get; init; }

    /// <summary>Root mean squared error (square root of sklearn <c>mean_squared_error</c>).</summary>
    public double Rmse { get; init; }

    /// <summary>Coefficient of determination (sklearn <c>r2_score</c>, force_finite).</summary>
    public double R2 { get; init; }

    /// <summary>Mean absolute percentage error as a fraction (0.25 = 25%), over the rows whose true value is not 0.</summary>
    public double Mape { get; init; }

    /// <summary>Rows the metrics were computed on.</summary>
    public int Count { get; init; }

    /// <summary>Rows left out of <see cref="Mape"/> because their true value is 0.</summary>
    public int MapeSkipped { get; init; }

    /// <summary>One metric by its name as the seed's dictionaries key it ('mae', 'rmse', 'r2', 'mape', 'count'; any case).</summary>
    public double this[string metric] => metric.ToLowerInvariant() switch
    {
        "mae" => Mae,
        "rmse" => Rmse,
        "r2" => R2,
        "mape" => Mape,
        "count" => Count,
        _ => throw new KeyNotFoundException($"'{metric}' is not a metric: use 'mae', 'rmse', 'r2', 'mape' or 'count'."),
    };

    /// <summary>The value of one metric.</summary>
    public double Get(PrimaryMetric metric) => metric switch
    {
        PrimaryMetric.Mae => Mae,
        PrimaryMetric.Rmse => Rmse,
        PrimaryMetric.R2 => R2,
        PrimaryMetric.Mape => Mape,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>True for error metrics (MAE, RMSE, MAPE); false for R², where higher is better.</summary>
    public static bool LowerIsBetter(PrimaryMetric metric) => metric != PrimaryMetric.R2;

    public override string ToString() =>
        FormattableString.Invariant($"MAE {Mae:G6}, RMSE {Rmse:G6}, R2 {R2:G6}, MAPE {Mape:P2} ({Count} rows, {MapeSkipped} skipped for MAPE)");
}
