namespace Retrain.Engine.Drift;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a counter passed through a 64-bit mixing function. The resampling nulls use
/// it to give resample b its own generator from (seed, b), so results do not depend on how threads share the work;
/// <see cref="Mix"/> alone turns such a pair into a seed for another generator.
/// </summary>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E37_79B9_7F4A_7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The SplitMix64 finaliser: every input bit reaches every output bit.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next() => Mix(_state += Golden);

    /// <summary>Uniform in [0, n) by Lemire's multiply-shift (bias below n / 2^64, far under Monte Carlo error).</summary>
    public int Below(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);
}
