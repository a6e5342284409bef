using Retrain.Engine.Drift;

namespace Retrain.Benchmarks.Speed;

/// <summary>
/// `sortcheck`: the KS test on unsorted input (which sorts with the engine's radix sort) must give exactly what
/// it gives on input sorted by Array.Sort, on awkward data: both signs, ±0, subnormals, huge and tiny magnitudes,
/// heavy ties, constant columns, sizes around the radix cut-off. Run by the smoke test.
/// </summary>
internal static class SortCheck
{
    public static int Run()
    {
        var rng = new Random(12345);
        int failures = 0, cases = 0;
        Func<double>[] kinds =
        [
            () => rng.NextDouble() * 2 - 1,
            () => Math.Round(rng.NextDouble() * 20 - 10, 1),
            () => rng.Next(3) switch { 0 => 0.0, 1 => -0.0, _ => double.Epsilon * rng.Next(-5, 5) },
            () => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300)),
            () => 42.0,
            () => BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)) is var v && double.IsFinite(v) ? v : 1.0,
        ];
        foreach (var n in new[] { 1, 7, 4095, 4096, 4097, 50_000, 300_000 })
            foreach (var kind in kinds)
            {
                cases++;
                var x = Enumerable.Range(0, n).Select(_ => kind()).ToArray();
                var y = Enumerable.Range(0, Math.Max(1, n / 3)).Select(_ => kinds[rng.Next(kinds.Length)]()).ToArray();
                var (sx, sy) = ((double[])x.Clone(), (double[])y.Clone());
                Array.Sort(sx);
                Array.Sort(sy);
                var expected = KolmogorovSmirnovTest.TwoSampleSorted(sx, sy);
                var actual = KolmogorovSmirnovTest.TwoSample(x, y);
                if (!expected.Equals(actual))
                {
                    failures++;
                    Console.Error.WriteLine($"n = {n}, kind {Array.IndexOf(kinds, kind)}: {actual} != {expected}");
                }
            }
        Console.WriteLine($"sortcheck: {cases - failures} of {cases} cases agree");
        return failures == 0 ? 0 : 1;
    }
}
