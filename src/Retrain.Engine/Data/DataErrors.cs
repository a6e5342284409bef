using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>
/// The errors the readers raise, worded one way: "&lt;file&gt; line 17, column 's4': 'abc' is not a number."
/// Every one names the source, and the column and line (or input object) where it can.
/// </summary>
internal static class DataErrors
{
    private const int MaxQuoted = 60;

    /// <summary>The offending text in quotes, shortened when long.</summary>
    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxQuoted ? $"'{text}'" : $"'{text[..MaxQuoted]}…' ({text.Length} characters)";

    public static string ListColumns(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    public static DataException FileNotFound(string path, Exception? inner = null) =>
        new("FileNotFound", RetrainErrorKind.ObjectNotFound, $"Data file '{path}' does not exist.", path, null, null, inner);

    public static DataException BadNumber(string source, long line, string column, NumberStatus status, ReadOnlySpan<char> text) =>
        BadCell(source, "line", line, column, status, text);

    /// <summary>"data.csv line 7" or "pipeline input: input object 7", as <paramref name="rowWord"/> says.</summary>
    public static string At(string source, string rowWord, long row) =>
        rowWord == "line" ? $"{source} line {row}" : $"{source}: {rowWord} {row}";

    /// <summary>A text cell where numbers are wanted (what using a text column as numbers raises); <paramref name="detail"/> overrides the wording.</summary>
    public static DataException TextCell(string source, string rowWord, long row, string column, ReadOnlySpan<char> text, string? detail = null) =>
        BadCell(source, rowWord, row, column, NumberStatus.NotANumber, text, detail);

    /// <summary>A cell where a number is wanted: "data.csv line 7, column 's4': 'abc' is not a number."</summary>
    public static DataException BadCell(string source, string rowWord, long row, string column, NumberStatus status, ReadOnlySpan<char> text, string? detail = null) =>
        new(status == NumberStatus.Empty ? "EmptyValue" : status == NumberStatus.NotFinite ? "NonFiniteNumber" : "NotANumber",
            $"{At(source, rowWord, row)}, column '{column}': {detail ?? NumberParser.Describe(status, text)}", source, column, row);

    /// <summary>A text column asked for as a feature: names the column and the cell that makes it text.</summary>
    public static DataException TextFeature(string source, string column, DataException why) =>
        new("TextFeature",
            $"Feature column '{column}' holds text: {why.Message} Features must be numeric columns; leave '{column}' out of -Feature and data.feature_columns.",
            source, column, why.Row, why);

    public static DataException BadTimestamp(string source, long line, string column, ReadOnlySpan<char> text) =>
        new("BadTimestamp",
            $"{source} line {line}, column '{column}': {(text.Trim().IsEmpty ? "empty value" : Quote(text) + " is not")} an ISO 8601 date/time (e.g. {TimestampParser.Example}).",
            source, column, line);

    public static DataException NoDataRows(string source, string why) =>
        new("NoDataRows", $"{source}: no data rows ({why}).", source, null);

    public static DataException MissingColumn(string source, string column, string what, IEnumerable<string> available) =>
        new("MissingColumn", $"{source}: no column '{column}' ({what}); the columns are {ListColumns(available)}.", source, column);

    public static DataException NeedsTimestamp(string source) =>
        new("NoTimestamp", RetrainErrorKind.InvalidArgument,
            $"{source}: a time window (From/To) needs a timestamp column; set TimestampColumn (data.timestamp_column).", source, null);

    /// <summary>More bytes than data.max_bytes allows, counted after decompression (a .gz may expand a thousandfold).</summary>
    public static DataException TooLarge(string path, long limit) =>
        new("DataTooLarge", RetrainErrorKind.LimitsExceeded,
            $"{path}: more than {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes{(DataFile.IsGzip(path) ? " once decompressed" : "")}, the most {DataLimits.MaxBytesKey} allows; raise {DataLimits.MaxBytesKey} in the configuration to read it.",
            path, null);

    /// <summary>More rows than data.max_rows allows; <paramref name="row"/> is the first one over (a line, or an input object).</summary>
    public static DataException TooManyRows(string source, string rowWord, long row, int limit) =>
        new("DataTooManyRows", RetrainErrorKind.LimitsExceeded,
            $"{At(source, rowWord, row)}: more than {limit.ToString("N0", CultureInfo.InvariantCulture)} rows, the most {DataLimits.MaxRowsKey} allows; raise {DataLimits.MaxRowsKey} in the configuration to read them, or read fewer (a time window, a shorter file).",
            source, null, row);

    /// <summary>A row longer than the parser holds: no data has rows that long, but a quote that never closes makes one.</summary>
    public static DataException LineTooLong(string source, long line, Exception? inner = null) =>
        new("DataLineTooLong",
            $"{source} line {line}: the row is longer than {DataLimits.MaxLineChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the most a row may have. Is this a data file? A quote (\") that is never closed also runs on to the end of the file.",
            source, null, line, inner);

    public static DataException EmptyWindow(string source, DatasetReadOptions options, int rowsRead, DateTimeOffset? min, DateTimeOffset? max) =>
        new("EmptyWindow",
            $"{source}: no rows in the time window [{(options.From is { } f ? TimestampParser.Format(f) : "start")}, {(options.To is { } t ? TimestampParser.Format(t) : "end")})"
            + (min is { } lo && max is { } hi
                ? $"; the {(rowsRead == 1 ? "1 row read is at" : $"{rowsRead} rows read run from")} {TimestampParser.Format(lo)}{(rowsRead == 1 ? "" : $" to {TimestampParser.Format(hi)}")}."
                : "."),
            source, options.TimestampColumn);
}
