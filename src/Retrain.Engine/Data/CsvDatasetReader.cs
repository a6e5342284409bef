using System.Globalization;
using nietras.SeparatedValues;

namespace Retrain.Engine.Data;

/// <summary>
/// Reads a comma-separated file with a header row into a <see cref="Dataset"/>: every column but the
/// timestamp and the ignored ones must hold a finite number in every row. Quoted fields (RFC 4180) are
/// unquoted, spaces around fields are trimmed, blank lines are skipped. Errors name the file, the line
/// (1-based, the header is line 1), the column and the offending text.
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>Reads a .csv file, or a gzipped .csv.gz one.</summary>
    public static Dataset Read(string path, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        options.Validate(path);
        return DataFile.Read(path, reader => ReadCore(reader, path, options));
    }

    /// <summary>Reads CSV text; <paramref name="sourceName"/> is what the errors and <see cref="Dataset.Source"/> call it.</summary>
    public static Dataset Read(TextReader reader, string sourceName, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= DatasetReadOptions.Default;
        options.Validate(sourceName);
        return ReadCore(reader, sourceName, options);
    }

    private static Dataset ReadCore(TextReader text, string source, DatasetReadOptions options)
    {
        // The header is read as an ordinary row so that a duplicate or empty name gets our error, not Sep's.
        using var sep = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            Trim = SepTrim.All,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(text, leaveOpen: true);

        if (!sep.MoveNext())
            throw DataErrors.NoDataRows(source, "the file is empty");
        var names = ReadHeader(sep.Current, source);

        int tsIndex = -1;
        if (options.TimestampColumn is { } tsName)
        {
            tsIndex = Array.FindIndex(names, n => string.Equals(n, tsName, StringComparison.OrdinalIgnoreCase));
            if (tsIndex < 0)
                throw DataErrors.MissingColumn(source, tsName, "the timestamp column", names);
        }
        var selected = options.SelectColumns(source, names, "the header").ToArray();
        foreach (var i in selected)
            if (names[i].Length == 0)
                throw new DataException("UnnamedColumn",
                    $"{source} line 1: field {i + 1} of the header has no name. Name it, or list \"\" in IgnoreColumns (a pandas index? write it with index=False).",
                    source, "", 1);
        if (selected.Length == 0 && tsIndex < 0)
            throw new DataException("NoColumns", $"{source}: no columns left to read (the header has {ListOrNone(names)}).", source, null, 1);

        var columns = new GrowableArray<double>[selected.Length];
        for (int j = 0; j < columns.Length; j++)
            columns[j] = new GrowableArray<double>();
        var timestamps = tsIndex >= 0 ? new GrowableArray<DateTimeOffset>() : null;
        var expected = names.Length;
        int rowsRead = 0;
        DateTimeOffset? minTime = null, maxTime = null;

        while (sep.MoveNext())
        {
            var row = sep.Current;
            if (row.Span.IsEmpty)
                continue; // blank line
            long line = row.LineNumberFrom;
            if (row.ColCount != expected)
                throw new DataException("FieldCount",
                    $"{source} line {line}: {row.ColCount} field{(row.ColCount == 1 ? "" : "s")}, but the header has {expected}.", source, null, line);
            rowsRead++;

            if (timestamps is not null)
            {
                var tsText = row[tsIndex].Span;
                if (!TimestampParser.TryParse(tsText, out var t))
                    throw DataErrors.BadTimestamp(source, line, names[tsIndex], tsText);
                if (minTime is null || t < minTime) minTime = t;
                if (maxTime is null || t > maxTime) maxTime = t;
                if (!options.InWindow(t))
                    continue; // outside the window: the rest of the row is not parsed
                timestamps.Add(t);
            }

            for (int j = 0; j < selected.Length; j++)
            {
                var col = row[selected[j]];
                var span = col.Span;
                // Fast path: a plain decimal number, parsed by Sep (csFastFloat). Anything else ("1,5", " nan",
                // "") takes the careful path, which also words the error.
                if (!span.IsEmpty && span.IndexOfAnyExcept(NumberParser.PlainNumberChars) < 0
                    && col.TryParse<double>(out var value) && double.IsFinite(value))
                {
                    columns[j].Add(value);
                    continue;
                }
                var status = NumberParser.Parse(span, out value);
                if (status != NumberStatus.Ok)
                    throw DataErrors.BadNumber(source, line, names[selected[j]], status, span);
                columns[j].Add(value);
            }
        }

        if (rowsRead == 0)
            throw DataErrors.NoDataRows(source, "a header but no rows");
        int kept = timestamps?.Count ?? columns[0].Count;
        if (kept == 0)
            throw DataErrors.EmptyWindow(source, options, rowsRead, minTime, maxTime);

        var colNames = new string[selected.Length];
        var arrays = new double[selected.Length][];
        for (int j = 0; j < selected.Length; j++)
        {
            colNames[j] = names[selected[j]];
            arrays[j] = columns[j].ToArray();
        }
        return new Dataset(source, colNames, arrays, timestamps?.ToArray(), tsIndex >= 0 ? names[tsIndex] : null);
    }

    private static string[] ReadHeader(SepReader.Row header, string source)
    {
        if (header.Span.IsEmpty)
            throw new DataException("NoHeader", $"{source} line 1 is empty; the first line must be a header row naming the columns.", source, null, 1);
        var names = new string[header.ColCount];
        var seen = new Dictionary<string, int>(names.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Length; i++)
        {
            var name = header[i].ToString();
            if (i == 0)
                name = name.TrimStart('\uFEFF'); // a byte order mark the TextReader left in
            if (name.Length > 0 && !seen.TryAdd(name, i))
                throw new DataException("DuplicateColumn",
                    $"{source} line 1: column '{name}' appears twice in the header (fields {seen[name] + 1} and {i + 1}).", source, name, 1);
            names[i] = name;
        }
        return names;
    }

    private static string ListOrNone(string[] names) => names.Length == 0 ? "no columns" : DataErrors.ListColumns(names);
}
