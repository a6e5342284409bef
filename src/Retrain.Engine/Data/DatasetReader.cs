using Retrain.Engine.Configuration;

namespace Retrain.Engine.Data;

/// <summary>
/// Reads a data file, picking the reader by its name: *.csv and *.csv.gz with <see cref="CsvDatasetReader"/>,
/// *.txt and *.txt.gz as NASA C-MAPSS text with <see cref="CmapssReader"/>.
/// </summary>
public static class DatasetReader
{
    /// <summary>
    /// Reads <paramref name="path"/>. C-MAPSS files get their 'rul' label where the data defines it:
    /// train_* files run to failure (rul = last cycle − cycle), and a test_* file is labelled from the
    /// RUL_* file next to it when there is one. <paramref name="options"/> select the columns of either
    /// kind; a timestamp or time window only makes sense for CSV (C-MAPSS has no timestamps).
    /// </summary>
    public static Dataset Read(string path, DatasetReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DataFile.RefuseDirectory(path);
        var name = DataFile.InnerName(path);
        if (name.EndsWith(".csv", StringComparison.Ordinal))
            return CsvDatasetReader.Read(path, options);
        if (name.EndsWith(".txt", StringComparison.Ordinal))
            return ReadCmapss(path, name, options ?? DatasetReadOptions.Default);
        throw new DataException("UnsupportedFileType", RetrainErrorKind.InvalidArgument,
            $"{path}: cannot tell how to read this file from its name; use .csv or .csv.gz (CSV with a header row) or .txt or .txt.gz (NASA C-MAPSS text).",
            path, null);
    }

    /// <summary>
    /// The columns <see cref="Read"/> would give, from the header alone (C-MAPSS: the fixed names, with rul for
    /// a train_ file), without reading the rows: for tab completion of feature names.
    /// </summary>
    public static IReadOnlyList<string> ReadColumnNames(string path, CsvDelimiter delimiter = CsvDelimiter.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DataFile.RefuseDirectory(path);
        var name = DataFile.InnerName(path);
        if (name.EndsWith(".csv", StringComparison.Ordinal))
            return CsvDatasetReader.ReadColumnNames(path, delimiter);
        if (name.EndsWith(".txt", StringComparison.Ordinal))
            return name.StartsWith("train_", StringComparison.Ordinal) ? CmapssReader.ColumnNames.Append(CmapssReader.RulColumn).ToArray() : CmapssReader.ColumnNames;
        return Array.Empty<string>();
    }

    private static Dataset ReadCmapss(string path, string name, DatasetReadOptions options)
    {
        if (options.TimestampColumn is not null || options.HasWindow)
            throw new DataException("NoTimestamp", RetrainErrorKind.InvalidArgument,
                $"{path}: C-MAPSS text files have no timestamp column, so TimestampColumn and a From/To window cannot be used with them.",
                path, options.TimestampColumn);

        Dataset data;
        if (name.StartsWith("train_", StringComparison.Ordinal))
            data = CmapssReader.Read(path, addRunToFailureRul: true, options);
        else if (name.StartsWith("test_", StringComparison.Ordinal) && FindRulFile(path) is { } rulPath)
            data = CmapssReader.ReadTest(path, rulPath, options);
        else
            data = CmapssReader.Read(path, options: options);

        if (options.OnlyColumns is null && options.IgnoreColumns.Count == 0)
            return data;
        var keep = options.SelectColumns(path, data.ColumnNames, "the file");
        if (keep.Count == 0)
            throw new DataException("NoColumns", $"{path}: no columns left to read (the file has {DataErrors.ListColumns(data.ColumnNames)}).", path, null);
        return new Dataset(data.Source, keep.Select(i => data.ColumnNames[i]).ToArray(), keep.Select(i => data.Column(data.ColumnNames[i])).ToArray());
    }

    /// <summary>RUL_FD001.txt or RUL_FD001.txt.gz next to test_FD001.txt(.gz), if it exists.</summary>
    private static string? FindRulFile(string testPath)
    {
        var dir = Path.GetDirectoryName(testPath) ?? "";
        var file = Path.GetFileName(testPath);
        var suffix = file["test_".Length..];
        if (DataFile.IsGzip(suffix))
            suffix = suffix[..^3];
        foreach (var prefix in new[] { "RUL_", "rul_" })
            foreach (var ext in new[] { "", ".gz" })
            {
                var candidate = Path.Combine(dir, prefix + suffix + ext);
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }
}
