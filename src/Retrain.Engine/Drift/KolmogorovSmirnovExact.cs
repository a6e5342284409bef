namespace Retrain.Engine.Drift;

/// <summary>
/// Exact null distribution of the two-sample, two-sided Smirnov statistic D(m, n), by counting
/// monotone lattice paths from (0, 0) to (m, n) (Hodges 1958, after Drion, Gnedenko and Korolyuk).
/// </summary>
/// <remarks>
/// Under the null hypothesis every interleaving of the two sorted samples is equally likely, i.e. every
/// path of m right-steps and n up-steps. With D = h / lcm(m, n), a path has statistic at least D
/// exactly when it touches one of the lines |x/m - y/n| = h / lcm, i.e. |(n/g) x - (m/g) y| = h.
/// </remarks>
internal static class KolmogorovSmirnovExact
{
    /// <summary>
    /// P(D(n, n) &gt;= h/n) for two samples of equal size n, 1 &lt;= h &lt;= n.
    /// </summary>
    /// <remarks>
    /// Reflection principle: P = 2 * sum_{k&gt;=1} (-1)^(k+1) C(2n, n - k h) / C(2n, n).
    /// Writing r_k = C(2n, n - k h) / C(2n, n) and a_k = r_(k+1) / r_k
    /// = prod_{j&lt;h} (n - k h - j) / (n + k h + j + 1), the alternating sum is
    /// 2 a_0 (1 - a_1 (1 - a_2 (1 - ...))), evaluated from the inside out so that no
    /// large binomial is ever formed and the cancellation of the plain series is avoided.
    /// </remarks>
    public static double EqualSizesTailProbability(int n, int h)
    {
        if (h <= 0)
            return 1.0;
        double nested = 0.0;
        for (long k = n / h; k >= 0; k--)
        {
            long kh = k * h;
            double ratio = 1.0;
            for (int j = 0; j < h; j++)
                ratio = ratio * (n - kh - j) / (n + kh + j + 1);
            nested = ratio * (1.0 - nested);
        }
        return 2.0 * nested;
    }

    /// <summary>
    /// P(D(m, n) &gt;= h / lcm(m, n)) for samples of sizes m and n (any order), 1 &lt;= h.
    /// </summary>
    /// <remarks>
    /// Works directly with the fraction of paths that have already left the open band
    /// |(n/g) x - (m/g) y| &lt; h (Viehmann 2021, "Numerically more stable computation of the p-values for
    /// the two-sample Kolmogorov-Smirnov test", arXiv:2102.08037). If E(x, y) is that fraction among paths
    /// ending at (x, y), then E = 1 outside the band and, inside it,
    /// E(x, y) = (x E(x-1, y) + y E(x, y-1)) / (x + y), because a uniformly random path to (x, y) arrives
    /// from the left with probability x / (x + y). The answer is E(m, n). Every value is a convex
    /// combination of numbers in [0, 1], so nothing overflows and small p-values keep their relative
    /// accuracy. Only the in-band part of one column is stored.
    /// </remarks>
    public static double UnequalSizesTailProbability(int m, int n, int h)
    {
        if (h <= 0)
            return 1.0;
        if (m < n)
            (m, n) = (n, m);
        int g = GreatestCommonDivisor(m, n);
        long mg = m / g; // weight of y in the band test
        long ng = n / g; // weight of x in the band test

        // Column x = 0: y is inside the band while mg * y < h.
        int hi = (int)Math.Min(CeilDiv(h, mg), n + 1L); // exclusive upper end of the in-band window
        int lo = 0;
        long widest = Math.Min(2 * CeilDiv(h, mg) + 2, n + 1L);
        var column = new double[widest]; // column[y - lo] = E(x, y) for lo <= y < hi
        // E(0, y) = 0 inside the band (a straight path up the axis, never having left).
        Array.Clear(column, 0, hi - lo);

        for (int x = 1; x <= m; x++)
        {
            int prevLo = lo, prevHi = hi;
            long centre = ng * x;
            lo = (int)Math.Min(Math.Max(FloorDiv(centre - h, mg) + 1, 0L), n);
            hi = (int)Math.Min(CeilDiv(centre + h, mg), n + 1L);
            if (hi <= lo)
                return 1.0; // the band is closed: every path leaves it

            // E(x, lo - 1) is outside the band (or does not exist when lo == 0, where its weight is 0).
            double below = lo == 0 ? 0.0 : 1.0;
            for (int y = lo; y < hi; y++)
            {
                // E(x - 1, y): in the stored window of the previous column, else outside the band.
                // Reading index y - prevLo >= writing index y - lo, so updating in place is safe.
                double left = y < prevHi ? column[y - prevLo] : 1.0;
                below = (left * x + below * y) / (x + y);
                column[y - lo] = below;
            }
        }
        // (m, n) is always inside the band (its offset is 0 < h), and is the last stored entry.
        return column[hi - lo - 1];
    }

    internal static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
