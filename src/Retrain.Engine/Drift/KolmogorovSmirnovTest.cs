namespace Retrain.Engine.Drift;

/// <summary>How the p-value of a Kolmogorov-Smirnov test was obtained.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum KolmogorovSmirnovMethod : long
{
    /// <summary>The exact permutation distribution of the two-sample statistic.</summary>
    Exact,
    /// <summary>The finite-n one-sample Kolmogorov distribution at the effective size m n / (m + n).</summary>
    Asymptotic,
}

/// <summary>Outcome of a Kolmogorov-Smirnov test.</summary>
/// <param name="Statistic">The largest absolute difference between the two empirical CDFs.</param>
/// <param name="PValue">The two-sided p-value.</param>
/// <param name="Method">Whether <paramref name="PValue"/> is exact or asymptotic.</param>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, KolmogorovSmirnovMethod Method);

/// <summary>
/// The two-sample, two-sided Kolmogorov-Smirnov test, giving the same statistic and p-value as
/// <c>scipy.stats.ks_2samp(x, y, alternative='two-sided', method='auto')</c> (SciPy 1.10).
/// </summary>
/// <remarks>
/// <para>The statistic is max |F_x(t) - F_y(t)| over all pooled values t, with both empirical CDFs
/// right-continuous, so tied values (within or across samples) are stepped over together.</para>
/// <para>When both sizes are at most <see cref="MaxExactSize"/> the p-value is exact: the statistic is
/// snapped to the lattice h / lcm(m, n) it lives on (the reported statistic is that value), and the
/// probability of a statistic at least that large is counted over all interleavings of the samples.
/// If that computation does not produce a probability, or the samples are larger, the p-value is
/// <see cref="KolmogorovDistribution.Survival"/>(d, round(m n / (m + n))).</para>
/// <para>All inputs must be finite; NaN or infinities are the caller's responsibility to remove.</para>
/// </remarks>
public static class KolmogorovSmirnovTest
{
    /// <summary>Largest sample size for which the exact p-value is used (SciPy's 'auto' rule).</summary>
    public const int MaxExactSize = 10000;

    /// <summary>Runs the test on two samples in any order. The inputs are not modified.</summary>
    /// <exception cref="ArgumentException">Either sample is empty.</exception>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireNonEmpty(x, y);
        return TwoSampleSorted(SortedCopy.Of(x), SortedCopy.Of(y));
    }

    /// <summary>Runs the test on two samples that are already sorted ascending (not checked).</summary>
    /// <exception cref="ArgumentException">Either sample is empty.</exception>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> sortedX, ReadOnlySpan<double> sortedY)
    {
        RequireNonEmpty(sortedX, sortedY);
        int m = sortedX.Length, n = sortedY.Length;

        // One pass over both samples. The larger one is scanned in runs between consecutive values of the
        // smaller one, so the only hard-to-predict branch is the end of each run (once per value of the
        // smaller sample); a plain merge mispredicts on nearly every element of two similar samples.
        Extremes e = m >= n ? Scan(sortedX, sortedY) : Scan(sortedY, sortedX).Swapped();
        long maxGap = e.MaxGap, minGap = e.MinGap;
        int maxI = e.MaxFirst, maxJ = e.MaxSecond, minI = e.MinFirst, minJ = e.MinSecond;

        // The statistic as SciPy forms it (difference of the two CDF values in double precision).
        double above = maxGap == 0 ? 0.0 : (double)maxI / m - (double)maxJ / n;
        double below = minGap == 0 ? 0.0 : (double)minJ / n - (double)minI / m;
        double d = below > above ? below : above;
        long gapNumerator = Math.Max(maxGap, -minGap);

        if (Math.Max(m, n) <= MaxExactSize)
        {
            int g = KolmogorovSmirnovExact.GreatestCommonDivisor(m, n);
            long lcm = (long)(m / g) * n;
            // d * lcm = gapNumerator / g exactly (an integer), computed without rounding.
            int h = checked((int)(gapNumerator / g));
            double snapped = h / (double)lcm;
            if (h == 0)
                return new KolmogorovSmirnovResult(snapped, 1.0, KolmogorovSmirnovMethod.Exact);
            double p = m == n
                ? KolmogorovSmirnovExact.EqualSizesTailProbability(m, h)
                : KolmogorovSmirnovExact.UnequalSizesTailProbability(m, n, h);
            if (p >= 0.0 && p <= 1.0)
                return new KolmogorovSmirnovResult(snapped, p, KolmogorovSmirnovMethod.Exact);
            // Not a probability (numerical failure): fall back like SciPy, keeping the snapped statistic.
            d = snapped;
        }

        double effective = Math.Round((double)m * n / ((double)m + n), MidpointRounding.ToEven);
        double pAsymptotic = KolmogorovDistribution.Survival(d, (int)effective);
        return new KolmogorovSmirnovResult(d, pAsymptotic, KolmogorovSmirnovMethod.Asymptotic);
    }

    /// <summary>
    /// Extremes of gap = count1 * n2 - count2 * n1, i.e. of (F_1(t) - F_2(t)) n1 n2 over all pooled values t,
    /// with the counts of the first and second sample where each occurs.
    /// </summary>
    private readonly record struct Extremes(long MaxGap, int MaxFirst, int MaxSecond, long MinGap, int MinFirst, int MinSecond)
    {
        /// <summary>The same extremes with the two samples' roles exchanged (gap negated).</summary>
        public Extremes Swapped() => new(-MinGap, MinSecond, MinFirst, -MaxGap, MaxSecond, MaxFirst);
    }

    /// <summary>Extremes with <paramref name="big"/> as the first sample; fastest when it is the larger one.</summary>
    private static Extremes Scan(ReadOnlySpan<double> big, ReadOnlySpan<double> small)
    {
        int nb = big.Length, ns = small.Length;
        long maxGap = 0, minGap = 0;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        int i = 0, j = 0;
        while (j < ns)
        {
            double v = small[j];
            // Values of the big sample strictly below v: the gap rises through the run; look at its end.
            while (i < nb && big[i] < v)
                i++;
            long gap = (long)i * ns - (long)j * nb;
            if (gap > maxGap) { maxGap = gap; maxI = i; maxJ = j; }
            // Every copy of v, in both samples, before looking again (right-continuous CDFs).
            while (i < nb && big[i] == v)
                i++;
            do j++; while (j < ns && small[j] == v);
            gap = (long)i * ns - (long)j * nb;
            if (gap > maxGap) { maxGap = gap; maxI = i; maxJ = j; }
            if (gap < minGap) { minGap = gap; minI = i; minJ = j; }
            // With the big sample used up the gap only shrinks from here to 0.
            if (i == nb)
                break;
        }
        // With the small sample used up the gap rises monotonically to 0: nothing more to see.
        return new Extremes(maxGap, maxI, maxJ, minGap, minI, minJ);
    }

    private static void RequireNonEmpty(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The first sample is empty.", nameof(x));
        if (y.IsEmpty)
            throw new ArgumentException("The second sample is empty.", nameof(y));
    }
}
