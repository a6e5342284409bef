using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;

namespace Retrain.Benchmarks.Speed;

/// <summary>`drift-memory`: a dedicated process loads the drift data, checks it once and prints its peak resident set in bytes.</summary>
internal static class DriftMemory
{
    public static int Run(string[] args)
    {
        int features = int.Parse(args[2], CultureInfo.InvariantCulture);
        int refRows = int.Parse(args[3], CultureInfo.InvariantCulture), curRows = int.Parse(args[4], CultureInfo.InvariantCulture);
        var names = SyntheticData.FeatureNames(features);
        var reference = new Dataset(args[0], names, SyntheticData.ReadColumns(args[0], features, refRows));
        var current = new Dataset(args[1], names, SyntheticData.ReadColumns(args[1], features, curRows));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, current, names);
        Console.Error.WriteLine($"drift score {report.DriftScore}, first (cold) check {clock.Elapsed.TotalSeconds:F3} s");
        Console.WriteLine(Machine.PeakResidentBytes().ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
