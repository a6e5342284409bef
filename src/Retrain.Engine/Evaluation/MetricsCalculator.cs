namespace Retrain.Engine.Evaluation;

/// <summary>
/// MAE, RMSE, R² and MAPE agreeing with scikit-learn to about 1e-12 relative (compensated sums).
/// Rules where sklearn has no finite answer: R² of an exactly constant y_true (and of a single row,
/// where sklearn returns nan) is 1 when every prediction is exact, else 0 (sklearn's force_finite rule);
/// MAPE skips rows whose true value is 0, and is 0 when every row was skipped.
/// </summary>
public static class MetricsCalculator
{
    // sklearn divides by max(|y|, machine epsilon); only matters for |y| below 2.2e-16.
    internal const double Epsilon = 2.220446049250313e-16;

    public static RegressionMetrics Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        EvaluationInput.NotEmpty(actual.Length, "actual");
        EvaluationInput.SameLength(actual.Length, "actual", predicted.Length, "predicted");
        EvaluationInput.Finite(actual, "actual");
        EvaluationInput.Finite(predicted, "predicted");

        var n = actual.Length;
        NeumaierSum abs = default, sq = default, ape = default, y = default;
        var skipped = 0;
        var constant = true;
        var perfect = true;
        for (var i = 0; i < n; i++)
        {
            var e = predicted[i] - actual[i];
            var ae = Math.Abs(e);
            abs.Add(ae);
            sq.Add(e * e);
            y.Add(actual[i]);
            if (actual[i] == 0)
                skipped++;
            else
                ape.Add(ae / Math.Max(Math.Abs(actual[i]), Epsilon));
            constant &= actual[i] == actual[0];
            perfect &= e == 0;
        }

        double r2;
        if (constant)
            r2 = perfect ? 1.0 : 0.0;
        else
        {
            var mean = y.Total / n;
            NeumaierSum ss = default;
            for (var i = 0; i < n; i++)
            {
                var d = actual[i] - mean;
                ss.Add(d * d);
            }
            r2 = sq.Total == 0 ? 1.0 : 1.0 - sq.Total / ss.Total;
        }

        var kept = n - skipped;
        return new RegressionMetrics
        {
            Mae = abs.Total / n,
            Rmse = Math.Sqrt(sq.Total / n),
            R2 = r2,
            Mape = kept == 0 ? 0.0 : ape.Total / kept,
            Count = n,
            MapeSkipped = skipped,
        };
    }
}
