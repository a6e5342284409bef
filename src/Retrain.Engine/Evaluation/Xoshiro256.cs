namespace Retrain.Engine.Evaluation;

/// <summary>
/// xoshiro256** with splitmix64 seeding and Lemire's unbiased bounded draw: one small struct per
/// bootstrap resample, no allocation. Hand-written: System.Random's seeded generator is a class
/// (an allocation per resample) and several times slower in the resampling loop.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, bound), bound ≥ 1 (Lemire 2019, unbiased).</summary>
    public uint NextBelow(uint bound)
    {
        var m = (ulong)(uint)(NextUInt64() >> 32) * bound;
        if ((uint)m < bound)
            m = Reject(m, bound);
        return (uint)(m >> 32);
    }

    /// <summary>Two uniform integers in [0, bound) from one 64-bit output (each half as in <see cref="NextBelow"/>).</summary>
    public (uint First, uint Second) NextTwoBelow(uint bound)
    {
        var x = NextUInt64();
        var m1 = (ulong)(uint)(x >> 32) * bound;
        var m2 = (ulong)(uint)x * bound;
        if ((uint)m1 < bound)
            m1 = Reject(m1, bound);
        if ((uint)m2 < bound)
            m2 = Reject(m2, bound);
        return ((uint)(m1 >> 32), (uint)(m2 >> 32));
    }

    // Lemire's rejection step: redraw while the low half falls below 2^32 mod bound.
    private ulong Reject(ulong m, uint bound)
    {
        var threshold = (0u - bound) % bound;
        while ((uint)m < threshold)
            m = (ulong)(uint)(NextUInt64() >> 32) * bound;
        return m;
    }
}
