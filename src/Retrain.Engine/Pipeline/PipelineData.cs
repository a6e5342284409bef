using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The data the retraining pipeline reads: <c>data.path</c> (or the run's -DataPath), a CSV or C-MAPSS file, or a folder
/// of them read as one table in natural file-name order (weekly exports: fleet-2024-01.csv, fleet-2024-02.csv, …). The
/// pipeline's windows (current week, reference, the 90 days it trains on) are taken on <c>data.timestamp_column</c>, so
/// one is required. C-MAPSS text has no timestamps: map its cycles to times first (demo/ConvertTo-TimedFleet.ps1).
/// </summary>
public static class PipelineData
{
    private static readonly string[] Extensions = [".csv", ".csv.gz", ".txt", ".txt.gz"];

    /// <summary>The full path to read: <paramref name="dataPath"/> (already a file-system path) or data.path resolved against the configuration's folder.</summary>
    public static string Locate(RetrainOptions options, string? dataPath)
    {
        string? path = dataPath ?? options.Data.Path;
        if (path is null)
            throw new RetrainException("NoDataPath", RetrainErrorKind.InvalidConfiguration,
                "The retraining pipeline has no data: set data.path in the configuration (a CSV file, or a folder of them), or give -DataPath.", "data.path");
        return Path.GetFullPath(Path.Combine(options.BaseDirectory, path));
    }

    public static Dataset Load(RetrainOptions options, string path, DatasetReadOptions readOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readOptions);
        if (readOptions.TimestampColumn is null)
            throw new RetrainException("NoTimestampColumn", RetrainErrorKind.InvalidConfiguration,
                "The retraining pipeline takes its windows (drift_detection.window_size_days, pipeline.training_window_days) on a timestamp column: " +
                "set data.timestamp_column to the column holding each row's time.", "data.timestamp_column");
        if (!Directory.Exists(path))
            return DatasetReader.Read(path, readOptions);
        var files = Directory.EnumerateFiles(path)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(NaturalOrder.Instance)
            .ToArray();
        if (files.Length == 0)
            throw new DataException("NoDataFiles", RetrainErrorKind.InvalidArgument,
                $"The data folder '{path}' holds no data file (.csv, .csv.gz, .txt or .txt.gz).", path, null);
        return DatasetConcat.Concat(path, files.Select(f => DatasetReader.Read(f, readOptions)).ToArray());
    }
}
