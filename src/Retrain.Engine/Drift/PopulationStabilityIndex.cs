namespace Retrain.Engine.Drift;

/// <summary>
/// Population stability index of the current sample against quantile bins of the reference, plus one bin
/// below and one above the reference's range (so a shift off a constant reference still counts).
/// No library computes PSI, so it is written here: Σ (c − r)·ln(c / r) over the bins.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>Bin shares below this are raised to it so an empty bin gives a large, finite term.</summary>
    public const double MinShare = 1e-4;

    /// <param name="sortedReference">Reference values, ascending.</param>
    /// <param name="sortedCurrent">Current values, ascending.</param>
    /// <param name="bins">Number of quantile bins of the reference (ties can merge bins).</param>
    public static double Compute(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, int bins)
    {
        if (sortedReference.IsEmpty || sortedCurrent.IsEmpty)
            throw new ArgumentException("Both samples need at least one value.");
        // Inner edges at the reference's k/bins quantiles; duplicates (ties, constant features) merge bins.
        var edges = new List<double>(bins - 1);
        for (int k = 1; k < bins; k++)
        {
            double edge = sortedReference[(int)((long)k * (sortedReference.Length - 1) / bins)];
            if (edges.Count == 0 || edge > edges[^1])
                edges.Add(edge);
        }
        // Current values outside [min, max] of the reference fall in two extra bins the reference leaves empty.
        int below = LowerBound(sortedCurrent, sortedReference[0]);
        int above = sortedCurrent.Length - UpperBound(sortedCurrent, sortedReference[^1]);
        double psi = Term(0, below, sortedReference.Length, sortedCurrent.Length) + Term(0, above, sortedReference.Length, sortedCurrent.Length);
        int refStart = 0, curStart = below;
        for (int b = 0; b <= edges.Count; b++)
        {
            // Bin b holds values in (edges[b-1], edges[b]]; the first starts at the reference's minimum, the last ends at its maximum.
            int refEnd = b < edges.Count ? UpperBound(sortedReference, edges[b]) : sortedReference.Length;
            int curEnd = b < edges.Count ? UpperBound(sortedCurrent, edges[b]) : sortedCurrent.Length - above;
            psi += Term(refEnd - refStart, curEnd - curStart, sortedReference.Length, sortedCurrent.Length);
            refStart = refEnd;
            curStart = curEnd;
        }
        return psi;
    }

    private static double Term(int referenceCount, int currentCount, int referenceTotal, int currentTotal)
    {
        double r = Math.Max(MinShare, (double)referenceCount / referenceTotal);
        double c = Math.Max(MinShare, (double)currentCount / currentTotal);
        return (c - r) * Math.Log(c / r);
    }

    /// <summary>Index of the first value not less than <paramref name="x"/>.</summary>
    internal static int LowerBound(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Index of the first value greater than <paramref name="x"/>.</summary>
    internal static int UpperBound(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
