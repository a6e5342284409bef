using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Retrain.Benchmarks.Speed;

/// <summary>
/// Deterministic synthetic data for the speed cases, written once to raw files both sides load:
/// sensor-like features (normal, rounded to 2 decimals as plant historians store them, so ties occur)
/// and run-to-failure labels with two models' predictions.
/// </summary>
internal static class SyntheticData
{
    /// <summary>Features whose current window is shifted by 0.3 standard deviations (drifted); the rest are not.</summary>
    public static bool IsShifted(int feature) => feature % 6 == 0;

    /// <summary>Columns f1..fk: reference (shift false) or current (shift true) rows.</summary>
    public static double[][] Features(int rows, int features, bool current, ulong seed)
    {
        var columns = new double[features][];
        Parallel.For(0, features, f =>
        {
            var rng = new SplitMix((seed * 1000003UL) ^ ((ulong)f << 32) ^ (current ? 0x9E37UL : 0UL));
            double mean = 100 + 37.5 * f, sd = 1 + f % 5;
            if (current && IsShifted(f))
                mean += 0.3 * sd;
            var col = new double[rows];
            for (int i = 0; i < rows; i++)
                col[i] = Math.Round(mean + sd * rng.NextGaussian(), 2);
            columns[f] = col;
        });
        return columns;
    }

    public static string[] FeatureNames(int features) => Enumerable.Range(1, features).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Labelled rows for a comparison: units of 128..362 cycles run to failure (the true RUL counts down to 0),
    /// champion = truth + N(0, 20), challenger = truth + N(0, 19): a small real improvement.
    /// </summary>
    public static (double[] Actual, double[] Champion, double[] Challenger, int[] Groups) Labelled(int rows, ulong seed)
    {
        var rng = new SplitMix(seed);
        var actual = new double[rows];
        var champion = new double[rows];
        var challenger = new double[rows];
        var groups = new int[rows];
        int unit = 0, left = 0;
        for (int i = 0; i < rows; i++)
        {
            if (left == 0)
            {
                unit++;
                left = 128 + (int)(rng.Next() % 235);
            }
            left--;
            groups[i] = unit;
            actual[i] = left;
            champion[i] = left + 20 * rng.NextGaussian();
            challenger[i] = left + 19 * rng.NextGaussian();
        }
        return (actual, champion, challenger, groups);
    }

    public static void WriteColumns(string path, IReadOnlyList<double[]> columns)
    {
        using var file = File.Create(path);
        foreach (var c in columns)
            file.Write(MemoryMarshal.AsBytes(c.AsSpan()));
    }

    public static void WriteInts(string path, int[] values)
    {
        using var file = File.Create(path);
        file.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static double[][] ReadColumns(string path, int columns, int rows)
    {
        using var file = File.OpenRead(path);
        var result = new double[columns][];
        for (int c = 0; c < columns; c++)
        {
            result[c] = new double[rows];
            file.ReadExactly(MemoryMarshal.AsBytes(result[c].AsSpan()));
        }
        return result;
    }

    /// <summary>A CSV file with a header f1..fk, invariant culture, shortest round-trip numbers.</summary>
    public static void WriteCsv(string path, string[] names, double[][] columns)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write(string.Join(',', names));
        w.Write('\n');
        Span<char> buffer = stackalloc char[32];
        int rows = columns[0].Length;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                    w.Write(',');
                columns[c][r].TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
                w.Write(buffer[..written]);
            }
            w.Write('\n');
        }
    }

    /// <summary>SplitMix64 with a Box–Muller normal: fast, and the same stream on every machine.</summary>
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;
        private double _spare = double.NaN;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextGaussian()
        {
            if (!double.IsNaN(_spare))
            {
                var s = _spare;
                _spare = double.NaN;
                return s;
            }
            double u = ((Next() >> 11) + 1) * (1.0 / 9007199254740993.0);
            double v = (Next() >> 11) * (1.0 / 9007199254740992.0);
            double radius = Math.Sqrt(-2 * Math.Log(u));
            _spare = radius * Math.Sin(2 * Math.PI * v);
            return radius * Math.Cos(2 * Math.PI * v);
        }
    }
}
