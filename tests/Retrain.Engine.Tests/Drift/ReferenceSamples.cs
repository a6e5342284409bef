using System.Text.Json;

namespace Retrain.Engine.Tests.Drift;

/// <summary>
/// Deterministic samples shared with <c>reference/generate_ks_cases.py</c>, reproduced bit for bit:
/// SplitMix64 on a uint64 state, u = (z &gt;&gt; 11) * 2^-53, value = shift + scale * base with base
/// <c>uniform</c>: u; <c>irwin4</c>: ((u1 + u2) + u3) + u4 - 2; <c>grid</c>: floor(u k) / k;
/// <c>integer</c>: floor(u k). Only +, *, / and floor are used, which IEEE 754 pins down exactly.
/// Keep the two implementations in sync.
/// </summary>
internal static class ReferenceSamples
{
    private const double TwoToMinus53 = 1.0 / 9007199254740992.0;

    public static double[] Generate(JsonElement spec)
    {
        ulong state = spec.GetProperty("seed").GetUInt64();
        int n = spec.GetProperty("n").GetInt32();
        string kind = spec.GetProperty("kind").GetString()!;
        double scale = spec.GetProperty("scale").GetDouble();
        double shift = spec.GetProperty("shift").GetDouble();
        int k = spec.TryGetProperty("k", out var kElement) ? kElement.GetInt32() : 0;

        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double b = kind switch
            {
                "uniform" => Next(ref state),
                "irwin4" => Irwin4(ref state),
                "grid" => Math.Floor(Next(ref state) * k) / k,
                "integer" => Math.Floor(Next(ref state) * k),
                _ => throw new ArgumentException($"Unknown sample kind '{kind}'."),
            };
            values[i] = shift + scale * b;
        }
        return values;
    }

    private static double Irwin4(ref ulong state)
    {
        double u1 = Next(ref state), u2 = Next(ref state), u3 = Next(ref state), u4 = Next(ref state);
        return ((u1 + u2) + u3) + u4 - 2.0;
    }

    private static double Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * TwoToMinus53;
        }
    }
}
