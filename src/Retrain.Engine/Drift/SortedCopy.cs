namespace Retrain.Engine.Drift;

/// <summary>
/// Ascending sorted copies of finite doubles by LSD radix sort, several times faster than
/// <see cref="Array.Sort{T}(T[])"/> (introsort) on the column sizes drift checks see (it was 90% of a check).
/// </summary>
/// <remarks>
/// Each double maps to an unsigned key with the same order (positive values: sign bit set; negative: every bit
/// flipped), then 11-bit digits are counted in one pass and distributed least significant first, skipping a
/// digit that every key shares (typically the sign and exponent). Stable and data-independent in cost.
/// -0.0 sorts before 0.0, which compare equal, so the result is a valid ascending order like Array.Sort's.
/// </remarks>
internal static class SortedCopy
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;
    /// <summary>Below this size the histograms cost more than introsort saves.</summary>
    private const int MinRadixLength = 4096;

    public static double[] Of(ReadOnlySpan<double> values)
    {
        var result = values.ToArray();
        if (result.Length < MinRadixLength)
        {
            Array.Sort(result);
            return result;
        }
        Sort(result);
        return result;
    }

    // Run on columns of millions of values, often once per process: compile optimized at once, not via tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Sort(double[] data)
    {
        int n = data.Length;
        var keys = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(data.AsSpan());
        var counts = new int[Digits * Buckets];
        for (int i = 0; i < n; i++)
        {
            ulong k = ToKey(keys[i]);
            keys[i] = k;
            for (int d = 0; d < Digits; d++)
                counts[d * Buckets + (int)((k >> (d * DigitBits)) & (Buckets - 1))]++;
        }

        var pooled = System.Buffers.ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            Span<ulong> source = keys, target = pooled.AsSpan(0, n);
            Span<int> offsets = stackalloc int[Buckets];
            for (int d = 0; d < Digits; d++)
            {
                var count = counts.AsSpan(d * Buckets, Buckets);
                int shift = d * DigitBits;
                if (count[(int)((source[0] >> shift) & (Buckets - 1))] == n)
                    continue; // every key has this digit: the pass would not move anything
                int sum = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    offsets[b] = sum;
                    sum += count[b];
                }
                for (int i = 0; i < n; i++)
                {
                    ulong k = source[i];
                    target[offsets[(int)((k >> shift) & (Buckets - 1))]++] = k;
                }
                var swap = source;
                source = target;
                target = swap;
            }
            if (source != keys)
                source.CopyTo(keys);
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(pooled);
        }
        for (int i = 0; i < n; i++)
            keys[i] = FromKey(keys[i]);
    }

    private static ulong ToKey(ulong bits) => bits ^ ((ulong)((long)bits >> 63) | 0x8000_0000_0000_0000UL);

    private static ulong FromKey(ulong key) => key ^ ((ulong)((long)~key >> 63) | 0x8000_0000_0000_0000UL);
}
