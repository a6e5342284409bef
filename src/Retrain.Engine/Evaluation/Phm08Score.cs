namespace Retrain.Engine.Evaluation;

/// <summary>
/// The PHM'08 data-challenge score (Saxena et al., 2008): asymmetric, late predictions cost more.
/// With d = predicted − true: Σ exp(−d/13) − 1 for d &lt; 0 (early), exp(d/10) − 1 for d ≥ 0 (late).
/// Lower is better; 0 is perfect. Published figures use one prediction per test unit (its last cycle).
/// </summary>
public static class Phm08Score
{
    public static double Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} true values but {predicted.Length} predictions.", nameof(predicted));
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = predicted[i] - actual[i];
            sum += d < 0 ? Math.Exp(-d / 13.0) - 1.0 : Math.Exp(d / 10.0) - 1.0;
        }
        return sum;
    }
}
