using MathNet.Numerics;

namespace Retrain.Engine.Drift;

/// <summary>
/// The finite-n distribution of the two-sided one-sample Kolmogorov statistic
/// D_n = sup_t |F_n(t) - F(t)| for a continuous F.
/// </summary>
/// <remarks>
/// The choice of algorithm per region follows Simard and L'Ecuyer (2011), "Computing the Two-Sided
/// Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11), with the region boundaries SciPy 1.10
/// uses for <c>scipy.stats.kstwo</c>, so that p-values agree with SciPy:
/// <list type="bullet">
/// <item>n d &lt;= 1 and n d &gt;= n - 1: closed forms of Ruben and Gambino (1982).</item>
/// <item>d &gt;= 1/2, or n &lt;= 140 and n d^2 &gt; 4, or n &gt; 140 and n d^2 &gt;= 2.2: twice the exact one-sided
/// tail (Smirnov 1944 / Birnbaum and Tingey 1951). For d &gt;= 1/2 this is exact; elsewhere it drops the
/// (tiny) probability of crossing both boundaries, as Miller (1956) suggested.</item>
/// <item>n &gt; 140 and n d^2 &gt;= 370: 0 (below double precision).</item>
/// <item>Otherwise the complement of the CDF: Durbin's matrix (1968) as organised by Marsaglia, Tsang and
/// Wang (2003) when n &lt;= 140, or when n &lt;= 100000 and n d^1.5 &lt;= 1.4; the Pelz and Good (1976)
/// asymptotic series for larger n.</item>
/// </list>
/// SciPy uses Pomeranz's (1974) recursion for n &lt;= 140, 0.754693 &lt; n d^2 &lt;= 4; the same exact
/// probability is computed here with the Durbin matrix, which is nonnegative (no cancellation) and small
/// there (order at most 47), so the two agree to ~1e-13.
/// </remarks>
public static class KolmogorovDistribution
{
    private const double Sqrt2Pi = 2.5066282746310002; // sqrt(2 pi)
    private const double PiSquared = Math.PI * Math.PI;
    private static readonly double TwoTo128 = Math.ScaleB(1.0, 128);
    private static readonly double TwoToMinus128 = Math.ScaleB(1.0, -128);

    /// <summary>
    /// Survival function of the two-sided one-sample Kolmogorov statistic D_n: P(D_n &gt;= d),
    /// i.e. <c>scipy.stats.kstwo.sf(d, n)</c>.
    /// </summary>
    /// <param name="d">The statistic; values outside (1/(2n), 1) give 1 or 0.</param>
    /// <param name="n">The sample size, at least 1.</param>
    public static double Survival(double d, int n)
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, "The sample size must be at least 1.");
        if (double.IsNaN(d))
            return double.NaN;
        if (d >= 1.0)
            return 0.0;
        double t = n * d;
        if (t <= 0.5)
            return 1.0;
        if (t <= 1.0)
            return Clip(1.0 - RubenGambinoLowerCdf(n, t));
        if (t >= n - 1)
            return Clip(2.0 * Math.Pow(1.0 - d, n));
        if (d >= 0.5)
            return Clip(2.0 * SmirnovSurvival(n, d));

        double nd2 = t * d;
        if (n <= 140)
        {
            if (nd2 <= 4.0)
                return Clip(1.0 - DurbinCdf(n, d));
            return Clip(2.0 * SmirnovSurvival(n, d));
        }
        if (nd2 >= 370.0)
            return 0.0;
        if (nd2 >= 2.2)
            return Clip(2.0 * SmirnovSurvival(n, d));
        if (n <= 100000 && n * Math.Pow(d, 1.5) <= 1.4)
            return Clip(1.0 - DurbinCdf(n, d));
        return Clip(PelzGoodSurvival(n, d));
    }

    private static double Clip(double p) => p < 0.0 ? 0.0 : p > 1.0 ? 1.0 : p;

    /// <summary>P(D_n &lt;= t/n) = n!/n^n (2t - 1)^n for 1/2 &lt; t &lt;= 1 (Ruben and Gambino 1982).</summary>
    private static double RubenGambinoLowerCdf(int n, double t)
    {
        double base2t = 2.0 * t - 1.0;
        if (n <= 140)
        {
            double p = 1.0;
            for (int i = 1; i <= n; i++)
                p *= i * (1.0 / n) * base2t;
            return p;
        }
        return Math.Exp(SpecialFunctions.GammaLn(n + 1.0) - n * Math.Log(n) + n * Math.Log(base2t));
    }

    /// <summary>
    /// Exact one-sided tail P(D_n^+ &gt;= d) by the Smirnov / Birnbaum-Tingey sum
    /// d * sum_{v=0}^{floor(n(1-d))} C(n, v) (d + v/n)^(v-1) (1 - d - v/n)^(n-v), for 1/n &lt; d &lt; 1 - 1/n.
    /// All terms are positive; each is formed in log space.
    /// </summary>
    internal static double SmirnovSurvival(int n, double d)
    {
        if (n == 1)
            return 1.0 - d;
        if (-2.0 * n * d * d < -708.39641853226408)
            return 0.0; // the tail is below exp(-708): SciPy reports 0 here
        if (n > 1000000)
        {
            // For huge n SciPy switches to this approximation rather than summing a million terms.
            double logp = -Math.Pow(6.0 * n * d + 1.0, 2) / 18.0 / n;
            return Math.Exp(logp);
        }

        // Split the exact product n d into whole + frac (an FMA recovers the rounding error of n * d), so that
        // d + v/n = (whole + v + frac)/n and 1 - d - v/n = (n - whole - v - frac)/n suffer no cancellation.
        double nd = n * d;
        double ndError = Math.FusedMultiplyAdd(n, d, -nd);
        double whole = Math.Floor(nd);
        if (whole == nd && ndError < 0)
            whole -= 1.0;
        double frac = (nd - whole) + ndError;
        if (frac >= 1.0)
        {
            whole += 1.0;
            frac = 0.0;
        }

        int last = n - (int)whole - 1; // terms v = 0..last; the next one (if any) is exactly 0
        // log C(n, v), accumulated term by term (cheaper and more accurate than lgamma differences at large n,
        // where lgamma(n + 1) ~ 1e7 carries an absolute error near 1e-9). The running sum grows to ~0.7 n, so it
        // is Kahan-compensated: plain accumulation drifts by ~2e-8 (relative, in the result) at n = 1e6.
        double logBinomial = 0.0, logBinomialCarry = 0.0;
        double sum = 0.0;
        double previous = 0.0;
        for (int v = 0; v <= last; v++)
        {
            if (v > 0)
            {
                double increment = Math.Log((double)(n - v + 1) / v) - logBinomialCarry;
                double next = logBinomial + increment;
                logBinomialCarry = (next - logBinomial) - increment;
                logBinomial = next;
            }
            double up = whole + v + frac;         // n (d + v/n)
            double down = (n - whole - v) - frac; // n (1 - d - v/n)
            double logTerm = (logBinomial + (v - 1) * Math.Log(up / n) + (n - v) * Math.Log(down / n)) - logBinomialCarry;
            double term = Math.Exp(logTerm);
            sum += term;
            // Past the peak the terms fall off fast; stop once the rest cannot matter.
            if (term < previous && (last - v) * term < 1e-17 * sum)
                break;
            previous = term;
        }
        return d * sum;
    }

    /// <summary>
    /// P(D_n &lt; d) by Durbin's matrix formula, computed as in Marsaglia, Tsang and Wang (2003):
    /// with n d = k - h, k integer, 0 &lt;= h &lt; 1, and the (2k-1)x(2k-1) matrix H, the CDF is
    /// n!/n^n (H^n)_{k,k}. Powers are formed by repeated squaring with a separate binary exponent.
    /// </summary>
    internal static double DurbinCdf(int n, double d)
    {
        double nd = n * d;
        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = 2 * k - 1;

        // H[i, j] = 1/(i - j + 1)! for j <= i + 1, 0 above; first column and last row lowered by h-powers.
        var inverseFactorial = new double[m + 1];
        inverseFactorial[0] = 1.0;
        for (int i = 1; i <= m; i++)
            inverseFactorial[i] = inverseFactorial[i - 1] / i;
        var hm = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= Math.Min(i + 1, m - 1); j++)
                hm[i * m + j] = inverseFactorial[i - j + 1];
        double hPower = 1.0;
        for (int i = 0; i < m; i++)
        {
            hPower *= h; // h^(i+1)
            hm[i * m] -= hPower * inverseFactorial[i + 1];
            hm[(m - 1) * m + (m - 1 - i)] -= hPower * inverseFactorial[i + 1];
        }
        // The corner was lowered twice; it gets back (2h - 1)^m / m! when 2h > 1.
        if (2.0 * h - 1.0 > 0.0)
            hm[(m - 1) * m] += Math.Pow(2.0 * h - 1.0, m) * inverseFactorial[m];

        // result = H^n by binary powering, each matrix carrying its own power-of-two exponent.
        var result = new double[m * m];
        for (int i = 0; i < m; i++)
            result[i * m + i] = 1.0;
        int resultExponent = 0, baseExponent = 0;
        var scratch = new double[m * m];
        int remaining = n;
        while (true)
        {
            if ((remaining & 1) != 0)
            {
                Multiply(result, hm, scratch, m);
                (result, scratch) = (scratch, result);
                resultExponent += baseExponent;
                resultExponent += Rescale(result);
            }
            remaining >>= 1;
            if (remaining == 0)
                break;
            Multiply(hm, hm, scratch, m);
            (hm, scratch) = (scratch, hm);
            baseExponent *= 2;
            baseExponent += Rescale(hm);
        }

        double p = result[(k - 1) * m + (k - 1)];
        int exponent = resultExponent;
        // Multiply by n!/n^n, keeping p away from underflow.
        for (int i = 1; i <= n; i++)
        {
            p = p * i / n;
            if (p < TwoToMinus128)
            {
                p *= TwoTo128;
                exponent -= 128;
            }
        }
        return Math.ScaleB(p, exponent);
    }

    private static void Multiply(double[] a, double[] b, double[] product, int m)
    {
        Array.Clear(product);
        for (int i = 0; i < m; i++)
        {
            int row = i * m;
            for (int l = 0; l < m; l++)
            {
                double ail = a[row + l];
                if (ail == 0.0)
                    continue;
                int brow = l * m;
                for (int j = 0; j < m; j++)
                    product[row + j] += ail * b[brow + j];
            }
        }
    }

    /// <summary>Divides the matrix by 2^128 while its largest entry exceeds 2^128; returns the exponent removed.</summary>
    private static int Rescale(double[] a)
    {
        double max = 0.0;
        foreach (double v in a)
            max = Math.Max(max, Math.Abs(v));
        int removed = 0;
        while (max > TwoTo128)
        {
            for (int i = 0; i < a.Length; i++)
                a[i] *= TwoToMinus128;
            max *= TwoToMinus128;
            removed += 128;
        }
        return removed;
    }

    /// <summary>
    /// Pelz and Good's (1976) expansion P(D_n &lt;= d) ~ K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5
    /// with z = d sqrt(n), in the theta-function form for small z given by Simard and L'Ecuyer (2011, eq. 10).
    /// Returns 1 minus it.
    /// </summary>
    internal static double PelzGoodSurvival(int n, double d)
    {
        double z = Math.Sqrt((double)n) * d;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2, z7 = z6 * z, z8 = z4 * z4, z10 = z8 * z2;
        double logQ = -PiSquared / (8.0 * z2);
        if (logQ < -708.0)
            return 1.0; // every term underflows: the CDF is 0

        // Sums over odd multiples: u_k = pi^2 (k - 1/2)^2, weight exp(-u_k / (2 z^2)).
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 1; k < 1000; k++)
        {
            double u = PiSquared * (k - 0.5) * (k - 0.5);
            double w = Math.Exp(-u / (2.0 * z2));
            if (w == 0.0)
                break;
            s0 += w;
            s1 += (u - z2) * w;
            s2 += ((6 * z6 + 2 * z4) + (2 * z4 - 5 * z2) * u + (1 - 2 * z2) * u * u) * w;
            s3 += ((-30 * z6 - 90 * z8) + (135 * z4 - 96 * z6) * u + (212 * z4 - 60 * z2) * u * u + (5 - 30 * z2) * u * u * u) * w;
            if (w < 1e-18 * s0)
                break;
        }
        // Sums over all integers: v_k = pi^2 k^2, weight exp(-v_k / (2 z^2)).
        double t2 = 0, t3 = 0;
        for (int k = 1; k < 1000; k++)
        {
            double v = PiSquared * k * k;
            double w = Math.Exp(-v / (2.0 * z2));
            if (w == 0.0)
                break;
            t2 += v * w;
            t3 += (3 * z2 - v) * v * w;
            if (w < 1e-18)
                break;
        }
        double halfPiRoot = Sqrt2Pi / 2.0; // sqrt(pi/2)
        double k0 = Sqrt2Pi / z * s0;
        double k1 = halfPiRoot / (3 * z4) * s1;
        double k2 = halfPiRoot / (36 * z7) * s2 - halfPiRoot / (18 * z3) * t2;
        double k3 = halfPiRoot / (3240 * z10) * s3 + halfPiRoot / (108 * z6) * t3;
        double rootN = Math.Sqrt((double)n);
        return (1.0 - k0) - k1 / rootN - k2 / n - k3 / (n * rootN);
    }
}
