using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// The engine-calibrated null for windows with disjoint engine sets: under "no drift" the engines of the two windows
/// are exchangeable, so whole engines (all their rows together) are permuted between reference and current and every
/// feature's KS D is recomputed on the permuted split. p = (1 + #{D_perm ≥ D}) / (B + 1) for B random splits, or the
/// exact share of all C(n, k) splits when there are at most B of them.
/// </summary>
/// <remarks>
/// Many features are corrected by Westfall–Young's single-step max-statistic on the same permutations: the adjusted p
/// of feature f is (1 + #{max_f' D_perm,f' ≥ D_f}) / (B + 1). The raw max of D (not of per-feature p) is used: every D is
/// a KS distance on the same engine split, on the same [0, 1] scale with the same window sizes, and maxT gives strong
/// family-wise control whatever the features' null scales (subset pivotality holds because one split moves every
/// feature). Features whose D varies more between engines (a sensor with engine-specific offsets) do widen the max's
/// null, which spends power on them rather than on quiet features; the min-p variant would balance that, but needs the
/// whole null before any decision and so loses the early stop below.
///
/// Early stop, decision-preserving: once (1 + #{max D_perm ≥ max_f D_f}) ≥ threshold (B + 1), no feature's adjusted p
/// can fall below the threshold however the remaining permutations come out, so the rest are skipped and p is
/// reported over the permutations done.
///
/// Cost: the pooled values of each feature are sorted once, with the engine of each row alongside; a permutation is
/// then one pass per feature over those engine codes with a per-engine window flag, D accumulated at the last row of
/// each run of equal values (scipy's steps at distinct values). Four permutations share a pass; permutation b's split
/// is drawn from its own generator seeded by (seed, b), so results do not depend on how many threads ran.
/// </remarks>
public static class EnginePermutationNull
{
    public const string SchemeName = "engine permutation (whole engines exchanged between windows, Westfall-Young max-D)";
    /// <summary>The seed of the permutations, fixed so a drift check on the same data gives the same p.</summary>
    public const ulong Seed = 0x5EED_12D1_F7A0_0001UL;
    private const int Block = 4;
    private const int Batch = 64; // permutations between early-stop checks (a multiple of Block)
    private const int TieEnd = int.MinValue; // the sign bit of a code marks the last row of a run of equal values

    public static CalibratedPValues Calibrate(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, CancellationToken cancellation = default)
    {
        var refUnits = reference.Labels(groupColumn);
        var curUnits = current.Labels(groupColumn);
        int nRef = refUnits.Labels.Count;
        var referenceEngines = refUnits.ToCodeArray();
        var currentEngines = curUnits.ToCodeArray();
        for (int i = 0; i < currentEngines.Length; i++)
            currentEngines[i] += nRef;
        var refColumns = features.Select(reference.Column).ToArray();
        var curColumns = features.Select(current.Column).ToArray();
        return Calibrate(refColumns, referenceEngines, curColumns, currentEngines, nRef + curUnits.Labels.Count,
            observedStatistics, options.Permutations, options.DataDriftThreshold, cancellation);
    }

    /// <summary>
    /// The core on plain arrays: engine codes run 0..engines-1 over both windows together (reference rows use their own
    /// codes, current rows theirs; the observed split puts exactly the engines seen in the current rows in "current").
    /// A threshold of 0 turns the early stop off.
    /// </summary>
    public static CalibratedPValues Calibrate(double[][] referenceColumns, int[] referenceEngines, double[][] currentColumns, int[] currentEngines,
        int engines, double[] observedStatistics, int permutations, double threshold, CancellationToken cancellation = default)
    {
        int features = referenceColumns.Length;
        int total = referenceEngines.Length + currentEngines.Length;
        var rows = new long[engines];
        var inCurrent = new bool[engines];
        foreach (var e in referenceEngines) rows[e]++;
        foreach (var e in currentEngines)
        {
            rows[e]++;
            inCurrent[e] = true;
        }
        foreach (var e in referenceEngines)
            if (inCurrent[e])
                throw new ArgumentException("An engine appears in both windows; the engine permutation needs disjoint engine sets.", nameof(currentEngines));
        int k = inCurrent.Count(c => c);
        // Only engines with rows take part (codes of absent labels would otherwise be exchangeable phantoms).
        var present = Enumerable.Range(0, engines).Where(e => rows[e] > 0).ToArray();

        var codes = new (int[] Codes, ushort[] Counts)[features];
        Parallel.For(0, features, new ParallelOptions { CancellationToken = cancellation }, f =>
            codes[f] = SortedEngineCodes(referenceColumns[f], referenceEngines, currentColumns[f], currentEngines));

        // A statistic equal to the observed one up to rounding counts as "at least as large" (scipy's permutation_test
        // uses the same relative tolerance), so the observed split always counts itself.
        var bar = observedStatistics.Select(d => d - Math.Abs(d) * 1e-14 * 2.2).ToArray();
        double maxObserved = observedStatistics.Length == 0 ? 0 : observedStatistics.Max();

        double splits = Combinations(present.Length, k);
        bool exact = splits <= permutations;
        var rawCount = new long[features];
        var adjustedCount = new long[features];
        long done = 0;
        bool stoppedEarly = false;

        if (exact)
        {
            var all = EnumerateSplits(present, k);
            RunBlocks(all.Count, b => all[b], codes, rows, total, bar, rawCount, adjustedCount, cancellation);
            done = all.Count;
            return new CalibratedPValues(
                rawCount.Select(c => (double)c / done).ToArray(),
                adjustedCount.Select(c => (double)c / done).ToArray(),
                SchemeName, (int)done, Exact: true);
        }

        long maxExceed = 0;
        var barMax = maxObserved - Math.Abs(maxObserved) * 1e-14 * 2.2;
        for (int start = 0; start < permutations; start += Batch)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(Batch, permutations - start);
            var batchMax = RunBlocks(count, b => RandomSplit(present, k, start + b), codes, rows, total, bar, rawCount, adjustedCount, cancellation);
            maxExceed += batchMax.Count(m => m >= barMax);
            done += count;
            if (threshold > 0 && 1 + maxExceed >= threshold * (permutations + 1) && done < permutations)
            {
                stoppedEarly = true;
                break;
            }
        }
        return new CalibratedPValues(
            rawCount.Select(c => (1.0 + c) / (done + 1)).ToArray(),
            adjustedCount.Select(c => (1.0 + c) / (done + 1)).ToArray(),
            SchemeName, (int)done, Exact: false) { StoppedEarly = stoppedEarly, Planned = permutations };
    }

    /// <summary>Runs <paramref name="count"/> splits in parallel, adds their exceedances, and returns each split's max D.</summary>
    private static double[] RunBlocks(int count, Func<int, int[]> split, (int[] Codes, ushort[] Counts)[] codes, long[] rows, int total, double[] bar,
        long[] rawCount, long[] adjustedCount, CancellationToken cancellation)
    {
        int features = codes.Length;
        var d = new double[count * features];
        int blocks = (count + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellation },
            () => new byte[rows.Length * Block],
            (block, _, flags) =>
            {
                int first = block * Block;
                int width = Math.Min(Block, count - first);
                Array.Clear(flags);
                Span<long> nc = stackalloc long[Block];
                Span<double> four = stackalloc double[Block];
                nc.Clear();
                for (int j = 0; j < width; j++)
                    foreach (var e in split(first + j))
                    {
                        flags[e * Block + j] = 1;
                        nc[j] += rows[e];
                    }
                for (int f = 0; f < features; f++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    PassFour(codes[f].Codes, codes[f].Counts, flags, nc, total, out four[0], out four[1], out four[2], out four[3]);
                    for (int j = 0; j < width; j++)
                        d[(first + j) * features + f] = four[j];
                }
                return flags;
            },
            _ => { });

        var max = new double[count];
        for (int b = 0; b < count; b++)
        {
            double m = 0;
            for (int f = 0; f < features; f++)
                m = Math.Max(m, d[b * features + f]);
            max[b] = m;
            for (int f = 0; f < features; f++)
            {
                if (d[b * features + f] >= bar[f]) rawCount[f]++;
                if (m >= bar[f]) adjustedCount[f]++;
            }
        }
        return max;
    }

    /// <summary>
    /// D of four splits in one pass. With c current rows among the first i + 1 pooled rows, N rows in all and n_c in
    /// current, F_ref − F_cur = ((i + 1) n_c − c N) / (n_ref n_c): integers until the final division, and evaluated only at
    /// the end of a run of equal values (elsewhere the masked value is 0, which never raises the max of |·|).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void PassFour(int[] codes, ushort[] counts, byte[] flags, ReadOnlySpan<long> nc, int total,
        out double d0, out double d1, out double d2, out double d3)
    {
        long n0 = nc[0], n1 = nc[1], n2 = nc[2], n3 = nc[3];
        long c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        long hi0 = 0, hi1 = 0, hi2 = 0, hi3 = 0, lo0 = 0, lo1 = 0, lo2 = 0, lo3 = 0;
        long N = total;
        long pos = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            int code = codes[i];
            int n = counts[i];
            long mask = code >> 31;
            int at = (code & int.MaxValue) * Block;
            c0 += flags[at] * n;
            c1 += flags[at + 1] * n;
            c2 += flags[at + 2] * n;
            c3 += flags[at + 3] * n;
            pos += n;
            long x0 = (pos * n0 - c0 * N) & mask;
            long x1 = (pos * n1 - c1 * N) & mask;
            long x2 = (pos * n2 - c2 * N) & mask;
            long x3 = (pos * n3 - c3 * N) & mask;
            hi0 = Math.Max(hi0, x0); lo0 = Math.Min(lo0, x0);
            hi1 = Math.Max(hi1, x1); lo1 = Math.Min(lo1, x1);
            hi2 = Math.Max(hi2, x2); lo2 = Math.Min(lo2, x2);
            hi3 = Math.Max(hi3, x3); lo3 = Math.Min(lo3, x3);
        }
        d0 = Scale(Math.Max(hi0, -lo0), n0, N);
        d1 = Scale(Math.Max(hi1, -lo1), n1, N);
        d2 = Scale(Math.Max(hi2, -lo2), n2, N);
        d3 = Scale(Math.Max(hi3, -lo3), n3, N);
    }

    private static double Scale(long numerator, long nc, long total) =>
        nc <= 0 || nc >= total ? 0 : numerator / ((double)(total - nc) * nc);

    /// <summary>
    /// The pooled rows in ascending order of value, as (engine code, rows) entries: the rows of one engine within a run
    /// of equal values merge into one entry (engines repeat their own readings, so this often halves a pass), and the
    /// last entry of each run is flagged. An entry holds at most 65,535 rows; more are split over several.
    /// </summary>
    private static (int[] Codes, ushort[] Counts) SortedEngineCodes(double[] reference, int[] referenceEngines, double[] current, int[] currentEngines)
    {
        int n = reference.Length + current.Length;
        var values = new double[n];
        var codes = new int[n];
        reference.CopyTo(values, 0);
        current.CopyTo(values, reference.Length);
        referenceEngines.CopyTo(codes, 0);
        currentEngines.CopyTo(codes, reference.Length);
        Array.Sort(values, codes);
        var counts = new ushort[n];
        int w = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && values[end] == values[start]) end++;
            if (end - start > 1)
                Array.Sort(codes, start, end - start);
            for (int i = start; i < end;)
            {
                int e = codes[i];
                int j = i + 1;
                while (j < end && codes[j] == e) j++;
                for (int left = j - i; left > 0; left -= ushort.MaxValue)
                {
                    codes[w] = e;
                    counts[w++] = (ushort)Math.Min(left, ushort.MaxValue);
                }
                i = j;
            }
            codes[w - 1] |= TieEnd;
            start = end;
        }
        return (codes[..w], counts[..w]);
    }

    /// <summary>The engines of random split <paramref name="index"/>: k of them drawn by Floyd's algorithm from its own generator.</summary>
    private static int[] RandomSplit(int[] engines, int k, int index)
    {
        var rng = new SplitMix64(Seed ^ (0x9E37_79B9_7F4A_7C15UL * (ulong)(index + 1)));
        var chosen = new HashSet<int>(k);
        int n = engines.Length;
        for (int j = n - k; j < n; j++)
        {
            int t = rng.Below(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }
        return chosen.Select(i => engines[i]).ToArray();
    }

    private static List<int[]> EnumerateSplits(int[] engines, int k)
    {
        var result = new List<int[]>();
        var pick = Enumerable.Range(0, k).ToArray();
        int n = engines.Length;
        if (k == 0 || k > n)
            return result;
        while (true)
        {
            result.Add(pick.Select(i => engines[i]).ToArray());
            int j = k - 1;
            while (j >= 0 && pick[j] == n - k + j) j--;
            if (j < 0) break;
            pick[j]++;
            for (int t = j + 1; t < k; t++) pick[t] = pick[t - 1] + 1;
        }
        return result;
    }

    /// <summary>C(n, k) as a double (enough to compare with B; +∞ never arises below n ≈ 1000 and k small, and is fine above).</summary>
    internal static double Combinations(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        k = Math.Min(k, n - k);
        double c = 1;
        for (int i = 1; i <= k; i++)
            c = c * (n - k + i) / i;
        return Math.Round(c);
    }
}
