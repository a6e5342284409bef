using System.Diagnostics;
using System.Globalization;
using Retrain.Engine.Data;

namespace Retrain.Benchmarks.Speed;

/// <summary>Diagnostics for the end-to-end case: `csv-write path rows` writes the drift CSV, `csv-read path` times reading it (cold, then warm).</summary>
internal static class CsvDiagnostics
{
    public static int Write(string path, int rows)
    {
        var names = SyntheticData.FeatureNames(24);
        SyntheticData.WriteCsv(path, names, SyntheticData.Features(rows, 24, current: false, seed: 1));
        return 0;
    }

    public static int Read(string path)
    {
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var data = CsvDatasetReader.Read(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {data.RowCount} rows x {data.ColumnNames.Count} columns in {clock.Elapsed.TotalSeconds:F3} s"));
            if (i == 0)
            {
                // The file csv-write wrote: every value back, in row order.
                var expected = SyntheticData.Features(data.RowCount, 24, current: false, seed: 1);
                for (int c = 0; c < 24; c++)
                    if (!expected[c].AsSpan().SequenceEqual(data.Column("f" + (c + 1).ToString(CultureInfo.InvariantCulture))))
                    {
                        Console.WriteLine($"column f{c + 1} differs from what was written");
                        return 1;
                    }
                Console.WriteLine("every value read back in order");
            }
        }
        return 0;
    }
}
