namespace Retrain.Engine.Drift;

/// <summary>How the p-value of a Kolmogorov-Smirnov test was obtained.</summary>
public enum KolmogorovSmirnovMethod
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
        double[] sortedX = x.ToArray();
        double[] sortedY = y.ToArray();
        Array.Sort(sortedX);
        Array.Sort(sortedY);
        return TwoSampleSorted(sortedX, sortedY);
    }

    /// <summary>Runs the test on two samples that are already sorted ascending (not checked).</summary>
    /// <exception cref="ArgumentException">Either sample is empty.</exception>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> sortedX, ReadOnlySpan<double> sortedY)
    {
        RequireNonEmpty(sortedX, sortedY);
        int m = sortedX.Length, n = sortedY.Length;

        // Walk both samples once. After consuming every value <= t, F_x(t) - F_y(t) = (i n - j m) / (m n);
        // track the extremes of the integer numerator and where they occur.
        long maxGap = 0, minGap = 0;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        int i = 0, j = 0;
        while (i < m && j < n)
        {
            double a = sortedX[i], b = sortedY[j];
            if (a < b)
            {
                // Within a run of x-steps the gap only grows, so looking after each step is enough.
                i++;
            }
            else if (b < a)
            {
                j++;
            }
            else
            {
                // A value present in both samples: take all its copies on both sides before looking.
                do i++; while (i < m && sortedX[i] == a);
                do j++; while (j < n && sortedY[j] == a);
            }
            long gap = (long)i * n - (long)j * m;
            if (gap > maxGap)
            {
                maxGap = gap; maxI = i; maxJ = j;
            }
            else if (gap < minGap)
            {
                minGap = gap; minI = i; minJ = j;
            }
        }
        // Once one sample is used up the gap shrinks monotonically to 0: nothing further to see.

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

    private static void RequireNonEmpty(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The first sample is empty.", nameof(x));
        if (y.IsEmpty)
            throw new ArgumentException("The second sample is empty.", nameof(y));
    }
}
