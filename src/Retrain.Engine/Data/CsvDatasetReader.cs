using System.Globalization;
using nietras.SeparatedValues;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Data;

/// <summary>
/// Reads a comma-separated file with a header row into a <see cref="Dataset"/>. Each column read (all but the
/// timestamp and the ignored or unselected ones, which are not parsed) is numeric while its cells are numbers and
/// text once a non-empty cell is not one (<see cref="ColumnBuilder"/>); category columns are kept as written.
/// An empty or NaN cell of a numeric column is raised when that column is used. Quoted fields (RFC 4180) are
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
        long? bytes = DataFile.IsGzip(path) ? null : SizeOf(path);
        return DataFile.Read(path, options.MaxBytes, reader => ReadCore(reader, path, options, bytes));
    }

    /// <summary>Reads CSV text; <paramref name="sourceName"/> is what the errors and <see cref="Dataset.Source"/> call it.</summary>
    public static Dataset Read(TextReader reader, string sourceName, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= DatasetReadOptions.Default;
        options.Validate(sourceName);
        return DataFile.ReadText(reader, sourceName, text => ReadCore(text, sourceName, options));
    }

    private static long? SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // opening the file words the error
        }
    }

    /// <summary>Rows read before the column buffers are sized from the file length (one resize instead of ~20 doublings).</summary>
    private const int SizingRows = 1024;

    private static Dataset ReadCore(TextReader text, string source, DatasetReadOptions options, long? fileBytes = null)
    {
        var given = SeparatorOf(options.Delimiter);
        using var sep = OpenSep(text, given);
        if (!sep.MoveNext())
            throw DataErrors.NoDataRows(source, "the file is empty");
        var names = ReadHeader(sep.Current, source);
        var separator = new FieldSeparator(sep.Spec.Sep.Separator, Detected: given is null);

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

        var kinds = selected.Select(i => options.KindOf(names[i])).ToArray();
        var columns = new ColumnBuilder[selected.Length];
        for (int j = 0; j < columns.Length; j++)
            columns[j] = new ColumnBuilder(source, "line", names[selected[j]], kinds[j], SizingRows);
        long rowChars = 0;
        var timestamps = tsIndex >= 0 ? new GrowableArray<DateTimeOffset>() : null;
        var layout = new RowLayout(source, names, selected, kinds, tsIndex, names.Length, options, separator);
        int rowsRead = 0, kept = 0;
        DateTimeOffset? minTime = null, maxTime = null;

        // Rows are parsed on all cores (number parsing is most of a large file's cost) and come back in file
        // order; a bad row is carried as its error and thrown when reached, so the first bad line is reported.
        foreach (var parsed in sep.ParallelEnumerate(layout.Parse))
        {
            if (parsed.Kind == RowKind.Blank)
                continue;
            if (parsed.Error is not null)
                throw parsed.Error;
            rowsRead++;
            if ((rowsRead & 0xFFF) == 0)
                options.Cancellation.ThrowIfCancellationRequested();
            if (fileBytes is { } size && rowsRead <= SizingRows)
            {
                rowChars += parsed.Chars + 1;
                if (rowsRead == SizingRows)
                {
                    // The estimate from the file's length is capped by data.max_rows: never reserve for rows that cannot be kept.
                    long estimate = size * 21 / 20 / rowChars * SizingRows + SizingRows;
                    foreach (var column in columns)
                        column.Reserve((int)Math.Min(Math.Min(Array.MaxLength, estimate), options.MaxRows));
                }
            }
            var t = parsed.Time;
            if (timestamps is not null)
            {
                if (minTime is null || t < minTime) minTime = t;
                if (maxTime is null || t > maxTime) maxTime = t;
                if (parsed.Kind == RowKind.OutsideWindow)
                    continue; // outside the window: the rest of the row was not parsed
            }
            options.CheckRowLimit(kept++, source, "line", parsed.Line);
            timestamps?.Add(t);
            var values = parsed.Values!;
            var texts = parsed.Texts;
            for (int j = 0; j < values.Length; j++)
            {
                if (texts?[j] is not { } cell)
                    columns[j].AddNumber(values[j]);
                else if (columns[j].WantsText)
                    columns[j].AddLabel(cell, parsed.Line);
                else if (parsed.Statuses![j] == NumberStatus.NotANumber)
                    columns[j].AddText(cell, parsed.Line);
                else
                    columns[j].AddBad(cell, parsed.Statuses[j], parsed.Line);
            }
        }

        if (rowsRead == 0)
            throw DataErrors.NoDataRows(source, "a header but no rows");
        if (kept == 0)
            throw DataErrors.EmptyWindow(source, options, rowsRead, minTime, maxTime);

        return new Dataset(source, columns.Select(c => c.Build()).ToArray(), timestamps?.ToArray(), tsIndex >= 0 ? names[tsIndex] : null);
    }

    /// <summary>The column names of a .csv or .csv.gz file's header, read from line 1 alone (for tab completion).</summary>
    public static IReadOnlyList<string> ReadColumnNames(string path, CsvDelimiter delimiter = CsvDelimiter.Auto) =>
        DataFile.Read(path, DataLimits.DefaultMaxBytes, text =>
        {
            using var sep = OpenSep(text, SeparatorOf(delimiter));
            if (!sep.MoveNext())
                throw DataErrors.NoDataRows(path, "the file is empty");
            return ReadHeader(sep.Current, path);
        });

    // The header is read as an ordinary row so that a duplicate or empty name gets our error, not Sep's.
    // Without a given separator Sep takes the one the header uses (comma, semicolon, tab or pipe).
    private static SepReader OpenSep(TextReader text, char? separator)
    {
        var spec = separator is { } c ? Sep.New(c) : (Sep?)null;
        return (spec is { } s ? s.Reader(Configure) : Sep.Reader(Configure)).From(text, leaveOpen: true);
        static SepReaderOptions Configure(SepReaderOptions o) => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            Trim = SepTrim.All,
            CultureInfo = CultureInfo.InvariantCulture,
        };
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

    private static char? SeparatorOf(CsvDelimiter delimiter) => delimiter switch
    {
        CsvDelimiter.Comma => ',',
        CsvDelimiter.Semicolon => ';',
        CsvDelimiter.Tab => '\t',
        CsvDelimiter.Pipe => '|',
        _ => null,
    };

    /// <summary>The separator the file is read with, and whether it was detected or configured (errors say which).</summary>
    private readonly record struct FieldSeparator(char Char, bool Detected)
    {
        /// <summary>With a separator other than the comma, "23,5" can only be a decimal comma.</summary>
        public bool AllowsDecimalComma => Char != ',';

        public string Describe()
        {
            var name = Char switch { ',' => "',' (comma)", ';' => "';' (semicolon)", '\t' => "tab", '|' => "'|' (pipe)", _ => $"'{Char}'" };
            return Detected
                ? $"fields were split on {name}, detected from the header; set data.delimiter (or -Delimiter) if the file uses another"
                : $"fields were split on {name}, as data.delimiter (or -Delimiter) says";
        }
    }

    private static string ListOrNone(string[] names) => names.Length == 0 ? "no columns" : DataErrors.ListColumns(names);
    private enum RowKind
    {
        Data,
        Blank,
        OutsideWindow,
    }

    /// <summary>
    /// One row's outcome: its values (in selected-column order), or why it has none. <see cref="Texts"/> holds the
    /// text of the cells that are not plain numbers (and of every cell of a category column), with their
    /// <see cref="Statuses"/>; null when every cell was a number.
    /// </summary>
    private readonly record struct ParsedRow(RowKind Kind, double[]? Values, DateTimeOffset Time, DataException? Error, int Chars = 0,
        long Line = 0, string?[]? Texts = null, NumberStatus[]? Statuses = null);

    /// <summary>What a row must look like, and the per-row parsing (called on several threads at once).</summary>
    private sealed class RowLayout(string source, string[] names, int[] selected, ColumnKind[] kinds, int tsIndex, int expected, DatasetReadOptions options, FieldSeparator separator)
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public ParsedRow Parse(SepReader.Row row)
        {
            if (row.Span.IsEmpty)
                return new ParsedRow(RowKind.Blank, null, default, null); // blank line
            long line = row.LineNumberFrom;
            if (row.ColCount != expected)
                return Failed(new DataException("FieldCount",
                    $"{source} line {line}: {row.ColCount} field{(row.ColCount == 1 ? "" : "s")}, but the header has {expected} ({separator.Describe()}).", source, null, line));

            DateTimeOffset t = default;
            if (tsIndex >= 0)
            {
                var tsText = row[tsIndex].Span;
                if (!TimestampParser.TryParse(tsText, out t))
                    return Failed(DataErrors.BadTimestamp(source, line, names[tsIndex], tsText));
                if (!options.InWindow(t))
                    return new ParsedRow(RowKind.OutsideWindow, null, t, null);
            }

            var values = new double[selected.Length];
            string?[]? texts = null;
            NumberStatus[]? statuses = null;
            for (int j = 0; j < selected.Length; j++)
            {
                var col = row[selected[j]];
                var span = col.Span;
                if (kinds[j] == ColumnKind.Labels)
                {
                    (texts ??= new string?[selected.Length])[j] = span.ToString();
                    continue;
                }
                // Fast path: a plain decimal number, parsed by Sep (csFastFloat). Anything else ("1,5", " nan",
                // "", "ENG-1") takes the careful path, which also says what it is.
                if (!span.IsEmpty && span.IndexOfAnyExcept(NumberParser.PlainNumberChars) < 0
                    && col.TryParse<double>(out var value) && double.IsFinite(value))
                {
                    values[j] = value;
                    continue;
                }
                var status = separator.AllowsDecimalComma ? NumberParser.ParseDecimalComma(span, out value) : NumberParser.Parse(span, out value);
                if (status == NumberStatus.Ok)
                {
                    values[j] = value;
                    continue;
                }
                (texts ??= new string?[selected.Length])[j] = span.ToString();
                (statuses ??= new NumberStatus[selected.Length])[j] = status;
            }
            return new ParsedRow(RowKind.Data, values, t, null, row.Span.Length, line, texts, statuses);
        }

        private static ParsedRow Failed(DataException error) => new(RowKind.Data, null, default, error);
    }
}
