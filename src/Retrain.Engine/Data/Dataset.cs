using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>
/// A columnar table: numeric columns as <c>double[]</c> and text columns as codes into their distinct labels
/// (see <see cref="DatasetColumn"/>), all the same length, and an optional timestamp per row. Columns keep the
/// order they were read in. Numbers are read with <see cref="Column"/>, categories (unit ids, segments) with
/// <see cref="Labels"/>, which works on either kind.
/// </summary>
public sealed class Dataset
{
    private readonly Dictionary<string, DatasetColumn> _columns;
    private readonly DatasetColumn[] _ordered;

    /// <summary>A dataset of numeric columns only.</summary>
    public Dataset(string source, IReadOnlyList<string> columnNames, IReadOnlyList<double[]> columns, DateTimeOffset[]? timestamps = null, string? timestampColumn = null)
        : this(source, Numeric(columnNames, columns), timestamps, timestampColumn)
    {
    }

    public Dataset(string source, IReadOnlyList<DatasetColumn> columns, DateTimeOffset[]? timestamps = null, string? timestampColumn = null)
    {
        Source = source;
        _ordered = columns.ToArray();
        ColumnNames = _ordered.Select(c => c.Name).ToArray();
        _columns = new Dictionary<string, DatasetColumn>(StringComparer.OrdinalIgnoreCase);
        RowCount = _ordered.Length > 0 ? _ordered[0].Length : timestamps?.Length ?? 0;
        foreach (var column in _ordered)
        {
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows, expected {RowCount}.", nameof(columns));
            if (!_columns.TryAdd(column.Name, column))
                throw new DataException("DuplicateColumn", $"{source}: column '{column.Name}' appears twice.", source, column.Name);
        }
        if (timestamps is not null && timestamps.Length != RowCount)
            throw new ArgumentException("One timestamp per row is needed.", nameof(timestamps));
        Timestamps = timestamps;
        TimestampColumn = timestamps is null ? null : timestampColumn;
    }

    private static DatasetColumn[] Numeric(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        if (names.Count != columns.Count)
            throw new ArgumentException("Each column needs a name.", nameof(names));
        return names.Select((n, i) => DatasetColumn.Numeric(n, columns[i])).ToArray();
    }

    /// <summary>Where the rows came from: a file path, or a description such as "pipeline input".</summary>
    public string Source { get; }

    public int RowCount { get; }

    /// <summary>Every column, numeric and text, in read order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The columns themselves, in read order.</summary>
    public IReadOnlyList<DatasetColumn> Columns => _ordered;

    public DateTimeOffset[]? Timestamps { get; }

    public string? TimestampColumn { get; }

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>True for a column read as text (its values are not all numbers, or it was read as labels).</summary>
    public bool IsText(string name) => _columns.TryGetValue(name, out var c) && c.IsText;

    /// <summary>
    /// The numbers of a column. A missing column, a text column, or a numeric column with an empty or non-finite
    /// cell is a <see cref="DataException"/> naming the column and the source (and the line, where there is one).
    /// </summary>
    public double[] Column(string name)
    {
        var column = Find(name);
        if (column.NotNumbers is { } error)
            throw error;
        return column.Numbers!;
    }

    /// <summary>
    /// The column as categories (unit ids, segments), from a text column or a numeric one (whose labels are the
    /// numbers written round-trip: 1, 2.5). Codes follow the order of <see cref="LabelColumn.Labels"/>.
    /// </summary>
    public LabelColumn Labels(string name)
    {
        var column = Find(name);
        return column.IsText ? FromText(column.Codes!, column.Labels!) : FromNumbers(Column(name));
    }

    /// <summary>Row <paramref name="row"/>'s value as written: a double, a string (text columns), or NaN for a bad numeric cell.</summary>
    public object Value(string name, int row)
    {
        var column = Find(name);
        return column.IsText ? column.Labels![column.Codes![row]] : column.Numbers![row];
    }

    /// <summary>The text of the first cell of <paramref name="name"/> that is not a number, as the read error words it; null for usable numeric columns.</summary>
    public DataException? WhyNotNumbers(string name) => Find(name).NotNumbers;

    private DatasetColumn Find(string name)
    {
        if (_columns.TryGetValue(name, out var column))
            return column;
        throw new DataException("MissingColumn", $"{Source}: no column '{name}' (columns are: {string.Join(", ", ColumnNames)}).", Source, name);
    }

    private static LabelColumn FromNumbers(double[] values)
    {
        var distinct = values.Distinct().Order().ToArray();
        var index = new Dictionary<double, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
            index[distinct[i]] = i;
        var codes = new int[values.Length];
        for (int r = 0; r < codes.Length; r++)
            codes[r] = index[values[r]];
        return new LabelColumn(codes, distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
    }

    private static LabelColumn FromText(int[] codes, IReadOnlyList<string> labels)
    {
        // Only the labels still present (after Take), renumbered in natural order.
        var present = new bool[labels.Count];
        foreach (var c in codes)
            present[c] = true;
        var kept = Enumerable.Range(0, labels.Count).Where(i => present[i]).OrderBy(i => labels[i], NaturalOrder.Instance).ToArray();
        var remap = new int[labels.Count];
        for (int k = 0; k < kept.Length; k++)
            remap[kept[k]] = k;
        var result = new int[codes.Length];
        for (int r = 0; r < result.Length; r++)
            result[r] = remap[codes[r]];
        return new LabelColumn(result, kept.Select(i => labels[i]).ToArray());
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
        var cols = _ordered.Select(c => c.Take(rows)).ToArray();
        DateTimeOffset[]? ts = null;
        if (Timestamps is not null)
        {
            ts = new DateTimeOffset[rows.Count];
            for (int i = 0; i < ts.Length; i++)
                ts[i] = Timestamps[rows[i]];
        }
        return new Dataset(Source, cols, ts, TimestampColumn);
    }

    /// <summary>The same rows with only the named columns (in the given order); a missing name is an error naming it.</summary>
    public Dataset Select(IEnumerable<string> names) =>
        new(Source, names.Select(Find).ToArray(), Timestamps, TimestampColumn);

    /// <summary>Rows whose timestamp lies in [from, to). Without a timestamp column this is an error naming the source.</summary>
    public Dataset Window(DateTimeOffset from, DateTimeOffset to)
    {
        if (Timestamps is null)
            throw new DataException("NoTimestamp", $"{Source}: no timestamp column, so a time window cannot be taken. Set data.timestamp_column.", Source, null);
        var ts = Timestamps;
        return Where(r => ts[r] >= from && ts[r] < to);
    }
}
