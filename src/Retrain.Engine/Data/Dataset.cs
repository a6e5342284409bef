namespace Retrain.Engine.Data;

/// <summary>
/// A columnar table: numeric columns as <c>double[]</c> (all the same length), an optional
/// timestamp per row. Columns keep the order they were read in.
/// </summary>
public sealed class Dataset
{
    private readonly Dictionary<string, double[]> _columns;

    public Dataset(string source, IReadOnlyList<string> columnNames, IReadOnlyList<double[]> columns, DateTimeOffset[]? timestamps = null, string? timestampColumn = null)
    {
        if (columnNames.Count != columns.Count)
            throw new ArgumentException("Each column needs a name.", nameof(columnNames));
        Source = source;
        ColumnNames = columnNames.ToArray();
        _columns = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        RowCount = columns.Count > 0 ? columns[0].Length : timestamps?.Length ?? 0;
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != RowCount)
                throw new ArgumentException($"Column '{columnNames[i]}' has {columns[i].Length} rows, expected {RowCount}.", nameof(columns));
            if (!_columns.TryAdd(columnNames[i], columns[i]))
                throw new DataException("DuplicateColumn", $"{source}: column '{columnNames[i]}' appears twice.", source, columnNames[i]);
        }
        if (timestamps is not null && timestamps.Length != RowCount)
            throw new ArgumentException("One timestamp per row is needed.", nameof(timestamps));
        Timestamps = timestamps;
        TimestampColumn = timestamps is null ? null : timestampColumn;
    }

    /// <summary>Where the rows came from: a file path, or a description such as "pipeline input".</summary>
    public string Source { get; }

    public int RowCount { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public DateTimeOffset[]? Timestamps { get; }

    public string? TimestampColumn { get; }

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>The values of a column; a missing column is a <see cref="DataException"/> naming it and the source.</summary>
    public double[] Column(string name)
    {
        if (_columns.TryGetValue(name, out var values))
            return values;
        throw new DataException("MissingColumn", $"{Source}: no column '{name}' (columns are: {string.Join(", ", ColumnNames)}).", Source, name);
    }

    /// <summary>The rows whose index <paramref name="keep"/> accepts, in order.</summary>
    public Dataset Where(Func<int, bool> keep)
    {
        var rows = new List<int>(RowCount);
        for (int r = 0; r < RowCount; r++)
            if (keep(r))
                rows.Add(r);
        return Take(rows);
    }

    /// <summary>The given rows, in the given order.</summary>
    public Dataset Take(IReadOnlyList<int> rows)
    {
        var cols = new double[ColumnNames.Count][];
        for (int c = 0; c < cols.Length; c++)
        {
            var src = _columns[ColumnNames[c]];
            var dst = new double[rows.Count];
            for (int i = 0; i < dst.Length; i++)
                dst[i] = src[rows[i]];
            cols[c] = dst;
        }
        DateTimeOffset[]? ts = null;
        if (Timestamps is not null)
        {
            ts = new DateTimeOffset[rows.Count];
            for (int i = 0; i < ts.Length; i++)
                ts[i] = Timestamps[rows[i]];
        }
        return new Dataset(Source, ColumnNames, cols, ts, TimestampColumn);
    }

    /// <summary>Rows whose timestamp lies in [from, to). Without a timestamp column this is an error naming the source.</summary>
    public Dataset Window(DateTimeOffset from, DateTimeOffset to)
    {
        if (Timestamps is null)
            throw new DataException("NoTimestamp", $"{Source}: no timestamp column, so a time window cannot be taken. Set data.timestamp_column.", Source, null);
        var ts = Timestamps;
        return Where(r => ts[r] >= from && ts[r] < to);
    }
}
