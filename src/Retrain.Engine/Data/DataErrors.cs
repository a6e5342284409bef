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
        new(status == NumberStatus.Empty ? "EmptyValue" : status == NumberStatus.NotFinite ? "NonFiniteNumber" : "NotANumber",
            $"{source} line {line}, column '{column}': {NumberParser.Describe(status, text)}", source, column, line);

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

    public static DataException EmptyWindow(string source, DatasetReadOptions options, int rowsRead, DateTimeOffset? min, DateTimeOffset? max) =>
        new("EmptyWindow",
            $"{source}: no rows in the time window [{(options.From is { } f ? TimestampParser.Format(f) : "start")}, {(options.To is { } t ? TimestampParser.Format(t) : "end")})"
            + (min is { } lo && max is { } hi
                ? $"; the {(rowsRead == 1 ? "1 row read is at" : $"{rowsRead} rows read run from")} {TimestampParser.Format(lo)}{(rowsRead == 1 ? "" : $" to {TimestampParser.Format(hi)}")}."
                : "."),
            source, options.TimestampColumn);
}
