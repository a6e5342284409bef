namespace Retrain.Engine.Training;

/// <summary>
/// A minimal local helper for the manifest's test-split metrics: MAE, RMSE and R² (1 − SSres/SStot;
/// NaN when the true values are all equal). The Evaluation folder owns the full metric set.
/// </summary>
internal static class RegressionScores
{
    public static Dictionary<string, double> Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        int n = actual.Length;
        double absSum = 0, sqSum = 0, mean = 0;
        for (int i = 0; i < n; i++)
            mean += actual[i];
        mean /= n;
        double ssTot = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predicted[i] - actual[i];
            absSum += Math.Abs(e);
            sqSum += e * e;
            ssTot += (actual[i] - mean) * (actual[i] - mean);
        }
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mae"] = absSum / n,
            ["rmse"] = Math.Sqrt(sqSum / n),
            ["r2"] = ssTot > 0 ? 1 - sqSum / ssTot : double.NaN,
        };
    }
}
