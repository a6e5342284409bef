namespace Retrain.Engine.Drift;

/// <summary>
/// Wasserstein-1 distance between two empirical distributions, ∫ |F(x) − G(x)| dx, as
/// scipy.stats.wasserstein_distance computes it. MathNet has no such function.
/// </summary>
public static class WassersteinDistance
{
    /// <param name="sortedX">First sample, ascending.</param>
    /// <param name="sortedY">Second sample, ascending.</param>
    public static double Compute(ReadOnlySpan<double> sortedX, ReadOnlySpan<double> sortedY)
    {
        if (sortedX.IsEmpty || sortedY.IsEmpty)
            throw new ArgumentException("Both samples need at least one value.");
        double nx = sortedX.Length, ny = sortedY.Length;
        int i = 0, j = 0;
        double previous = Math.Min(sortedX[0], sortedY[0]);
        double total = 0;
        // Sweep the pooled values in order; between two consecutive ones both CDFs are constant.
        while (i < sortedX.Length || j < sortedY.Length)
        {
            double next = j >= sortedY.Length || (i < sortedX.Length && sortedX[i] <= sortedY[j]) ? sortedX[i] : sortedY[j];
            total += Math.Abs(i / nx - j / ny) * (next - previous);
            while (i < sortedX.Length && sortedX[i] == next)
                i++;
            while (j < sortedY.Length && sortedY[j] == next)
                j++;
            previous = next;
        }
        return total;
    }
}
