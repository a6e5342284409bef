using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// The engine-respecting null for windows that share engines (a fleet watched over time): an engine (cluster) bootstrap
/// of the centred difference of the two empirical CDFs. Each resample draws engines with replacement and keeps every
/// drawn engine's rows where they are, in both windows; its statistic is sup |Δ*(x) − Δ(x)|, where Δ = F_current − F_reference,
/// which under no drift (Δ has mean zero) is distributed like the observed sup |Δ(x)|.
/// </summary>
/// <remarks>
/// <para>Why not permute: the engines of the current week also run through the reference, younger, so whole engines are
/// not exchangeable between the windows; and wear trends within an engine, so (engine, day) blocks are not either. What
/// stays exchangeable in a steady-state fleet is the engine itself, each with its own build, its own life and its own
/// place in time; the bootstrap resamples exactly those, so the between-engine noise of the observed difference (which
/// engines are in service this week, at which life stage) is in the null, and nothing about the ordering in time of
/// one engine's rows is assumed. The assumption is that, under no drift, each engine's rows are as likely in the current
/// window as its life stage there makes them (the fleet is stationary), and that engines are independent of one another.</para>
/// <para>A time-shift null (each week-long chunk of the reference against the rest of it, the current week ranked among
/// them) was measured first and rejected: 77 of 200 unchanged weeks alarmed, because an interior chunk has its engines'
/// neighbouring days on both sides in its "rest", the current week only before it; the fleet's slowly changing age mix
/// makes the edge comparison noisier than any interior one (see the README).</para>
/// <para>The correction over features is Westfall–Young max-statistic on the same resamples: each feature's statistic is
/// standardised by the resamples' mean and standard deviation, and the adjusted p of a feature is the share of resamples
/// whose largest z over all features reaches that feature's observed z. Resample b draws from its own generator seeded
/// by (seed, b), so the result does not depend on the thread count. Each resample is one pass per feature over the
/// pooled values sorted once.</para>
/// </remarks>
public static class WatchedFleetNull
{
    /// <summary>Fixed, so a drift check on the same data gives the same p.</summary>
    internal const int DefaultSeed = 20261202;

    /// <summary>The calibrated p-values with drift_detection.permutations engine resamples.</summary>
    public static CalibratedPValues Calibrate(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, CancellationToken cancellation = default) =>
        Calibrate(reference, current, features, groupColumn, observedStatistics, options, options.Permutations, DefaultSeed, cancellation);

    internal static CalibratedPValues Calibrate(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, int resamples, int seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(observedStatistics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (observedStatistics.Length != features.Count)
            throw new ArgumentException($"{observedStatistics.Length} observed statistics for {features.Count} features.", nameof(observedStatistics));

        if (reference.RowCount == 0 || current.RowCount == 0)
        {
            var ones = Enumerable.Repeat(1.0, features.Count).ToArray();
            return new CalibratedPValues(ones, ones.ToArray(), "engine bootstrap: not run, a window has no rows", 0, Exact: false);
        }
        var window = TimeSpan.FromDays(options.WindowSizeDays);
        var (stats, engines, shared) = NullStatistics(reference, current, features, groupColumn, window, resamples, seed, cancellation);
        var (raw, adjusted) = RankPValues(observedStatistics, stats);
        var scheme = $"engine bootstrap: {resamples} resamples of the {engines} engines ({shared} in both windows), " +
                     "each drawn engine keeping its rows in both windows; null statistic sup|D*(x) - D(x)| of the centred CDF difference; " +
                     "assumes independent engines and a stationary fleet; Westfall-Young max-z over features";
        return new CalibratedPValues(raw, adjusted, scheme, resamples, Exact: false);
    }

    /// <summary>stats[b][f]: resample b's centred statistic of feature f; and how many engines there are, and in both windows.</summary>
    internal static (double[][] Stats, int Engines, int SharedEngines) NullStatistics(Dataset reference, Dataset current, IReadOnlyList<string> features,
        string groupColumn, TimeSpan window, int resamples, int seed, CancellationToken cancellation)
    {
        var pooled = Pooled.Of(reference, current, features, groupColumn, window, cancellation);
        var stats = new double[resamples][];
        Parallel.For(0, resamples, new ParallelOptions { CancellationToken = cancellation }, b =>
        {
            var weights = pooled.DrawWeights(new Random(ResampleSeed(seed, b)));
            var row = new double[features.Count];
            for (int f = 0; f < row.Length; f++)
            {
                cancellation.ThrowIfCancellationRequested();
                row[f] = pooled.CentredStatistic(f, weights);
            }
            stats[b] = row;
        });
        return (stats, pooled.Engines, pooled.SharedEngines);
    }

    /// <summary>A seed per resample from (seed, b) that is the same in every process (HashCode.Combine is not).</summary>
    internal static int ResampleSeed(int seed, int b) =>
        (int)(SplitMix64.Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)b + 1) & int.MaxValue);

    /// <summary>The two windows pooled: per feature the values sorted once, each with its engine and window alongside.</summary>
    private sealed class Pooled
    {
        /// <summary>
        /// In the sorted order: engine code * 4, + 1 for a current-window row, + 2 where the value is the last of its
        /// ties (where the CDFs are compared), so the pass reads one int per row and never the value.
        /// </summary>
        private readonly int[][] _tags;
        private readonly int[] _currentRows, _referenceRows; // per engine
        private readonly int _nCurrent, _nReference;
        /// <summary>Per engine, its cluster: itself, or the pair of an engine that left service and its replacement.</summary>
        private readonly int[] _clusterOf;
        private readonly int _clusters;

        private Pooled(int[][] tags, int[] currentRows, int[] referenceRows, int[] clusterOf)
        {
            (_tags, _currentRows, _referenceRows, _clusterOf) = (tags, currentRows, referenceRows, clusterOf);
            _clusters = clusterOf.Length == 0 ? 0 : clusterOf.Max() + 1;
            _nCurrent = currentRows.Sum();
            _nReference = referenceRows.Sum();
            SharedEngines = Enumerable.Range(0, Engines).Count(e => currentRows[e] > 0 && referenceRows[e] > 0);
        }

        public int Engines => _currentRows.Length;
        public int Clusters => _clusters;
        public int SharedEngines { get; }

        public static Pooled Of(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn, TimeSpan window, CancellationToken cancellation)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            int[] Codes(Dataset data)
            {
                var labels = data.Labels(groupColumn);
                var map = labels.Labels.Select(l => index.TryGetValue(l, out var c) ? c : index[l] = index.Count).ToArray();
                return labels.Codes.Select(c => map[c]).ToArray();
            }
            var referenceEngines = Codes(reference);
            var currentEngines = Codes(current);
            var currentRows = new int[index.Count];
            var referenceRows = new int[index.Count];
            foreach (var e in referenceEngines) referenceRows[e]++;
            foreach (var e in currentEngines) currentRows[e]++;

            int n = reference.RowCount + current.RowCount;
            var tags = new int[n];
            for (int r = 0; r < reference.RowCount; r++) tags[r] = referenceEngines[r] * 4;
            for (int r = 0; r < current.RowCount; r++) tags[reference.RowCount + r] = currentEngines[r] * 4 + 1;

            var sortedTags = new int[features.Count][];
            Parallel.For(0, features.Count, new ParallelOptions { CancellationToken = cancellation }, f =>
            {
                var values = new double[n];
                reference.Column(features[f]).CopyTo(values, 0);
                current.Column(features[f]).CopyTo(values, reference.RowCount);
                var order = tags.ToArray();
                Array.Sort(values, order);
                for (int i = 0; i < n; i++)
                    if (i + 1 == n || values[i + 1] != values[i])
                        order[i] |= 2;
                sortedTags[f] = order;
            });
            return new Pooled(sortedTags, currentRows, referenceRows,
                ReplacementClusters(reference, current, referenceEngines, currentEngines, index.Count, window));
        }

        /// <summary>
        /// Pairs each engine that leaves service inside the span (its last row more than a day before the span's end)
        /// with the first engine entering service after it (first row more than a day after the span's start) within
        /// one window: in a fleet that replaces what fails, the two fill one position, and their contributions to the
        /// difference go the same way (an old engine in the reference, a young one in the current window), so they are
        /// resampled together. Unpaired engines are clusters of their own.
        /// </summary>
        private static int[] ReplacementClusters(Dataset reference, Dataset current, int[] referenceEngines, int[] currentEngines, int engines, TimeSpan window)
        {
            var first = new long[engines];
            var last = new long[engines];
            Array.Fill(first, long.MaxValue);
            Array.Fill(last, long.MinValue);
            void Span(Dataset data, int[] codes)
            {
                var ts = data.Timestamps;
                if (ts is null) return;
                for (int r = 0; r < codes.Length; r++)
                {
                    long t = ts[r].UtcTicks;
                    if (t < first[codes[r]]) first[codes[r]] = t;
                    if (t > last[codes[r]]) last[codes[r]] = t;
                }
            }
            Span(reference, referenceEngines);
            Span(current, currentEngines);
            var clusterOf = Enumerable.Range(0, engines).ToArray();
            if (engines == 0 || reference.Timestamps is null || current.Timestamps is null)
                return clusterOf;
            long start = first.Min(), end = last.Max(), day = TimeSpan.TicksPerDay;
            var leaving = Enumerable.Range(0, engines).Where(e => last[e] < end - day).OrderBy(e => last[e]).ThenBy(e => e).ToList();
            var entering = Enumerable.Range(0, engines).Where(e => first[e] > start + day).OrderBy(e => first[e]).ThenBy(e => e).ToList();
            var taken = new bool[engines];
            foreach (var gone in leaving)
            {
                int next = entering.FindIndex(e => !taken[e] && e != gone && first[e] > last[gone] && first[e] - last[gone] <= window.Ticks);
                if (next < 0) continue;
                taken[entering[next]] = true;
                clusterOf[entering[next]] = gone;
            }
            // Renumber 0..C-1.
            var renumber = new Dictionary<int, int>();
            for (int e = 0; e < engines; e++)
                clusterOf[e] = renumber.TryGetValue(clusterOf[e], out var c) ? c : renumber[clusterOf[e]] = renumber.Count;
            return clusterOf;
        }

        /// <summary>How often each engine is drawn in E draws with replacement; redrawn until both windows have rows.</summary>
        public int[] DrawWeights(Random random)
        {
            int engines = Engines;
            var weights = new int[engines];
            var drawn = new int[_clusters];
            while (true)
            {
                Array.Clear(drawn);
                for (int i = 0; i < _clusters; i++)
                    drawn[random.Next(_clusters)]++;
                for (int e = 0; e < engines; e++)
                    weights[e] = drawn[_clusterOf[e]];
                long current = 0, reference = 0;
                for (int e = 0; e < engines; e++)
                {
                    current += (long)weights[e] * _currentRows[e];
                    reference += (long)weights[e] * _referenceRows[e];
                }
                if (current > 0 && reference > 0)
                    return weights;
            }
        }

        /// <summary>
        /// sup over the pooled values of |Δ*(x) − Δ(x)|, Δ* from the engine weights and Δ from the data, stepping over
        /// ties together as the KS statistic does.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public double CentredStatistic(int feature, int[] weights)
        {
            var tags = _tags[feature];
            long totalCurrent = 0, totalReference = 0;
            for (int e = 0; e < weights.Length; e++)
            {
                totalCurrent += (long)weights[e] * _currentRows[e];
                totalReference += (long)weights[e] * _referenceRows[e];
            }
            double wc = 1.0 / totalCurrent, wr = 1.0 / totalReference, uc = 1.0 / _nCurrent, ur = 1.0 / _nReference;
            // Prefix sums: all weights and the current window's; the reference's are the difference (no branch on the window).
            long all = 0, a = 0;
            int ca = 0;
            double best = 0;
            for (int i = 0; i < tags.Length; i++)
            {
                int tag = tags[i];
                int w = weights[tag >> 2];
                int isCurrent = tag & 1;
                all += w;
                a += w & -isCurrent;
                ca += isCurrent;
                if ((tag & 2) == 0)
                    continue; // inside a run of ties
                double gap = Math.Abs(a * wc - (all - a) * wr - (ca * uc - (i + 1 - ca) * ur));
                best = Math.Max(best, gap);
            }
            return best;
        }
    }

    /// <summary>
    /// Raw: (1 + #{resamples with D ≥ observed}) / (B + 1) per feature. Adjusted: the same rank of each feature's z among
    /// the resamples' largest z over features, never below its raw p. With no resamples every p is 1.
    /// </summary>
    internal static (double[] Raw, double[] Adjusted) RankPValues(double[] observed, double[][] nullStats)
    {
        int features = observed.Length, k = nullStats.Length;
        var raw = new double[features];
        var adjusted = new double[features];
        if (k == 0)
        {
            Array.Fill(raw, 1.0);
            Array.Fill(adjusted, 1.0);
            return (raw, adjusted);
        }
        // Relative tolerance so a resample equal to the observed value (same lattice point) counts as reaching it.
        static bool Reaches(double value, double threshold) => value >= threshold - 1e-12 * Math.Max(1, Math.Abs(threshold));

        var mean = new double[features];
        var sd = new double[features];
        for (int f = 0; f < features; f++)
        {
            // Standardised over the resamples and the observed together, so all K + 1 are treated alike.
            double sum = observed[f], sumSq = observed[f] * observed[f];
            int ge = 0;
            for (int c = 0; c < k; c++)
            {
                double v = nullStats[c][f];
                sum += v;
                sumSq += v * v;
                if (Reaches(v, observed[f])) ge++;
            }
            raw[f] = (1.0 + ge) / (k + 1.0);
            mean[f] = sum / (k + 1);
            sd[f] = Math.Sqrt(Math.Max(0, (sumSq - sum * mean[f]) / k));
        }

        double Z(double v, int f) => sd[f] > 0 ? (v - mean[f]) / sd[f] : 0;
        var maxZ = new double[k];
        for (int c = 0; c < k; c++)
        {
            double m = double.NegativeInfinity;
            for (int f = 0; f < features; f++)
                m = Math.Max(m, Z(nullStats[c][f], f));
            maxZ[c] = m;
        }
        for (int f = 0; f < features; f++)
        {
            double z = Z(observed[f], f);
            int ge = maxZ.Count(m => Reaches(m, z));
            adjusted[f] = Math.Max(raw[f], (1.0 + ge) / (k + 1.0));
        }
        return (raw, adjusted);
    }
}
