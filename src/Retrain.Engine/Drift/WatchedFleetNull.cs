using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// The engine-respecting null for windows that share engines (a fleet watched over time), by shifting the current
/// window in time: every window-long chunk of the reference, compared with the rest of the reference, is a week of the
/// same fleet under no drift, so the current window's KS statistic is ranked among those chunks' statistics.
/// </summary>
/// <remarks>
/// <para>Why not permute: the engines of the current week also run through the reference, younger, so whole engines are
/// not exchangeable between the windows; and wear trends within an engine, so (engine, day) blocks are not either. A
/// chunk of the reference holds the same kind of mix as the current week (the engines in service that week, each at its
/// own life stage, most of them also in the rest of the reference at other stages), so its statistic against the rest
/// carries the same between-engine noise the observed one does. The assumption is stationarity of the fleet over the
/// reference and current windows: under no drift, any week is as typical as any other.</para>
/// <para>Chunks start one day apart from the reference's first timestamp (about 84 in a 90-day reference with 7-day
/// windows), so the smallest p is 1 / (K + 1) ≈ 0.012. Neighbouring chunks overlap, which makes the ranks coarser but
/// not biased. The correction over features is Westfall–Young max-statistic on the same chunks: each feature's statistic
/// is standardised by the chunks' mean and standard deviation (NannyML's band, as a z), and the adjusted p of a feature
/// is the share of chunks whose largest z over all features reaches that feature's observed z.</para>
/// <para>Deterministic: no random numbers; chunks are computed in parallel into their own slots. Each chunk is one pass
/// per feature over the reference values sorted once.</para>
/// </remarks>
public static class WatchedFleetNull
{
    /// <summary>The length of one chunk step: chunks start a day apart.</summary>
    internal static readonly TimeSpan Step = TimeSpan.FromDays(1);

    public static CalibratedPValues Calibrate(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(observedStatistics);
        ArgumentNullException.ThrowIfNull(options);
        if (observedStatistics.Length != features.Count)
            throw new ArgumentException($"{observedStatistics.Length} observed statistics for {features.Count} features.", nameof(observedStatistics));
        if (reference.Timestamps is null)
            throw new DataException("NoTimestamp", RetrainErrorKind.InvalidArgument,
                $"{reference.Source}: the watched-fleet null shifts the window in time and needs a timestamp column; set data.timestamp_column.", reference.Source, null);

        var window = TimeSpan.FromDays(options.WindowSizeDays);
        var chunks = Chunks(reference.Timestamps, window);
        var stats = ChunkStatistics(reference, features, chunks, cancellation);
        var (raw, adjusted) = RankPValues(observedStatistics, stats);
        string engines = reference.HasColumn(groupColumn) && current.HasColumn(groupColumn)
            ? $", {SharedEngines(reference, current, groupColumn)} engine(s) in both windows" : string.Empty;
        var scheme = $"time-shift: the current {options.WindowSizeDays}-day window ranked among {stats.Length} {options.WindowSizeDays}-day chunks " +
                     $"of the reference (one day apart, each against the rest of the reference){engines}; " +
                     "assumes the fleet is stationary over the reference; Westfall-Young max-z over features";
        return new CalibratedPValues(raw, adjusted, scheme, stats.Length, Exact: false);
    }

    /// <summary>Half-open chunks [start, start + window) a day apart, each of whose last day begins within the data.</summary>
    internal static (long Start, long End)[] Chunks(DateTimeOffset[] timestamps, TimeSpan window)
    {
        if (timestamps.Length == 0 || window <= TimeSpan.Zero)
            return Array.Empty<(long, long)>();
        long min = long.MaxValue, max = long.MinValue;
        foreach (var t in timestamps)
        {
            long u = t.UtcTicks;
            if (u < min) min = u;
            if (u > max) max = u;
        }
        var result = new List<(long, long)>();
        for (long start = min; start + window.Ticks - Step.Ticks <= max; start += Step.Ticks)
            result.Add((start, start + window.Ticks));
        return result.ToArray();
    }

    /// <summary>stats[c][f]: the two-sample KS statistic of feature f between chunk c and the rest of the reference.</summary>
    internal static double[][] ChunkStatistics(Dataset reference, IReadOnlyList<string> features, (long Start, long End)[] chunks, CancellationToken cancellation)
    {
        int n = reference.RowCount;
        var ticks = new long[n];
        for (int r = 0; r < n; r++)
            ticks[r] = reference.Timestamps![r].UtcTicks;

        // Per feature, the values sorted once with their rows' times alongside, so a chunk is one sequential pass.
        var sortedValues = new double[features.Count][];
        var sortedTicks = new long[features.Count][];
        Parallel.For(0, features.Count, new ParallelOptions { CancellationToken = cancellation }, f =>
        {
            var values = reference.Column(features[f]).ToArray();
            var order = ticks.ToArray();
            Array.Sort(values, order);
            sortedValues[f] = values;
            sortedTicks[f] = order;
        });

        var inChunk = new int[chunks.Length];
        for (int c = 0; c < chunks.Length; c++)
            foreach (var t in ticks)
                if (t >= chunks[c].Start && t < chunks[c].End)
                    inChunk[c]++;
        var usable = Enumerable.Range(0, chunks.Length).Where(c => inChunk[c] > 0 && inChunk[c] < n).ToArray();

        var stats = new double[usable.Length][];
        Parallel.For(0, usable.Length, new ParallelOptions { CancellationToken = cancellation }, k =>
        {
            var (start, end) = chunks[usable[k]];
            var row = new double[features.Count];
            for (int f = 0; f < features.Count; f++)
            {
                cancellation.ThrowIfCancellationRequested();
                row[f] = SplitStatistic(sortedValues[f], sortedTicks[f], start, end, inChunk[usable[k]]);
            }
            stats[k] = row;
        });
        return stats;
    }

    /// <summary>
    /// KS D between the sorted values whose time lies in [start, end) and the others, stepping over ties together
    /// (as <see cref="KolmogorovSmirnovTest"/> does). Integer arithmetic until the end, so ties between chunks are exact.
    /// </summary>
    internal static double SplitStatistic(double[] sorted, long[] times, long start, long end, int chunkCount)
    {
        long nA = chunkCount, nB = sorted.Length - chunkCount;
        long a = 0, b = 0, best = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            long t = times[i];
            if (t >= start && t < end) a++; else b++;
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i])
                continue;
            long gap = Math.Abs(a * nB - b * nA);
            if (gap > best) best = gap;
        }
        return (double)best / nA / nB;
    }

    /// <summary>
    /// Raw: (1 + #{chunks with D ≥ observed}) / (K + 1) per feature. Adjusted: the same rank of each feature's z among
    /// the chunks' largest z over features, never below its raw p. With no chunks every p is 1.
    /// </summary>
    internal static (double[] Raw, double[] Adjusted) RankPValues(double[] observed, double[][] chunkStats)
    {
        int features = observed.Length, k = chunkStats.Length;
        var raw = new double[features];
        var adjusted = new double[features];
        if (k == 0)
        {
            Array.Fill(raw, 1.0);
            Array.Fill(adjusted, 1.0);
            return (raw, adjusted);
        }
        // Relative tolerance so a chunk equal to the observed value (same lattice point) counts as reaching it.
        static bool Reaches(double value, double threshold) => value >= threshold - 1e-12 * Math.Max(1, Math.Abs(threshold));

        var mean = new double[features];
        var sd = new double[features];
        for (int f = 0; f < features; f++)
        {
            // Standardised over the chunks and the observed together, so all K + 1 are treated alike.
            double sum = observed[f], sumSq = observed[f] * observed[f];
            int ge = 0;
            for (int c = 0; c < k; c++)
            {
                double v = chunkStats[c][f];
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
                m = Math.Max(m, Z(chunkStats[c][f], f));
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

    private static int SharedEngines(Dataset reference, Dataset current, string groupColumn)
    {
        var inReference = reference.Labels(groupColumn).Labels.ToHashSet(StringComparer.Ordinal);
        return current.Labels(groupColumn).Labels.Count(inReference.Contains);
    }
}
