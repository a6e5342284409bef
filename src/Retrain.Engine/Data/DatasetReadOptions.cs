namespace Retrain.Engine.Data;

/// <summary>Which columns to read, and how. Shared by the file readers and <see cref="RecordDatasetBuilder"/>.</summary>
public sealed record DatasetReadOptions
{
    internal static readonly DatasetReadOptions Default = new();

    /// <summary>A column parsed as <see cref="DateTimeOffset"/> (ISO 8601, invariant culture; no offset = UTC) instead of a number.</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>When set, read just these columns (and the timestamp). Naming a column the data lacks is an error.</summary>
    public IReadOnlyCollection<string>? OnlyColumns { get; init; }

    /// <summary>Columns skipped without being parsed (e.g. a text column). Names the data lacks are fine. Wins over <see cref="OnlyColumns"/>.</summary>
    public IReadOnlyCollection<string> IgnoreColumns { get; init; } = Array.Empty<string>();

    /// <summary>Read when the data has them, besides <see cref="OnlyColumns"/> (a target or order column that may be absent). Wins over <see cref="IgnoreColumns"/>.</summary>
    public IReadOnlyCollection<string> OptionalColumns { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Category columns (unit ids, segments), read when the data has them and kept as written: a text column, or
    /// numeric when every value is a number. A name also in <see cref="OnlyColumns"/> or <see cref="OptionalColumns"/>
    /// is read as those are. Wins over <see cref="IgnoreColumns"/>.
    /// </summary>
    public IReadOnlyCollection<string> LabelColumns { get; init; } = Array.Empty<string>();

    /// <summary>Keep rows with <c>From &lt;= timestamp</c>. Needs <see cref="TimestampColumn"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Keep rows with <c>timestamp &lt; To</c>. Needs <see cref="TimestampColumn"/>.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The CSV field separator; <c>Auto</c> detects it from the header.</summary>
    public Configuration.CsvDelimiter Delimiter { get; init; }

    /// <summary>Most rows kept (rows outside the time window do not count); one more is <c>DataTooManyRows</c>. data.max_rows.</summary>
    public int MaxRows { get; init; } = DataLimits.DefaultMaxRows;

    /// <summary>Most bytes read from one file, counted after decompression; one more is <c>DataTooLarge</c>. data.max_bytes.</summary>
    public long MaxBytes { get; init; } = DataLimits.DefaultMaxBytes;

    /// <summary>Stops a long read (Ctrl+C, Stop-Job): checked every few thousand rows.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Throws <c>DataTooManyRows</c> when <paramref name="kept"/> rows are already kept and <paramref name="row"/> would be one more.</summary>
    internal void CheckRowLimit(int kept, string source, string rowWord, long row)
    {
        if (kept >= MaxRows)
            throw DataErrors.TooManyRows(source, rowWord, row, MaxRows);
    }

    internal bool HasWindow => From.HasValue || To.HasValue;

    internal bool InWindow(DateTimeOffset t) => (From is not { } f || t >= f) && (To is not { } e || t < e);

    /// <summary>Rejects a window without a timestamp column, or one that ends before it starts.</summary>
    internal void Validate(string source)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        if (HasWindow && string.IsNullOrEmpty(TimestampColumn))
            throw DataErrors.NeedsTimestamp(source);
        if (From is { } f && To is { } t && f >= t)
            throw new DataException("BadWindow", RetrainErrorKind.InvalidArgument,
                $"{source}: the time window is empty: From ({TimestampParser.Format(f)}) must be before To ({TimestampParser.Format(t)}).", source, TimestampColumn);
    }

    /// <summary>
    /// The columns to read out of <paramref name="available"/> (in their order), leaving out the timestamp,
    /// the ignored ones, and those not in <see cref="OnlyColumns"/> (unless optional or category columns). A name in <see cref="OnlyColumns"/>
    /// that is not available is an error naming it.
    /// </summary>
    internal List<int> SelectColumns(string source, IReadOnlyList<string> available, string what)
    {
        var ignore = new HashSet<string>(IgnoreColumns, StringComparer.OrdinalIgnoreCase);
        var wanted = new HashSet<string>(OptionalColumns.Concat(LabelColumns), StringComparer.OrdinalIgnoreCase);
        HashSet<string>? only = null;
        if (OnlyColumns is not null)
        {
            only = new HashSet<string>(OnlyColumns, StringComparer.OrdinalIgnoreCase);
            var present = new HashSet<string>(available, StringComparer.OrdinalIgnoreCase);
            foreach (var name in OnlyColumns)
                if (!present.Contains(name) && !ignore.Contains(name))
                    throw DataErrors.MissingColumn(source, name, $"asked for in OnlyColumns, missing from {what}", available);
        }
        var selected = new List<int>(available.Count);
        for (int i = 0; i < available.Count; i++)
        {
            var name = available[i];
            if (TimestampColumn is not null && string.Equals(name, TimestampColumn, StringComparison.OrdinalIgnoreCase))
                continue;
            if (!wanted.Contains(name) && (ignore.Contains(name) || (only is not null && !only.Contains(name))))
                continue;
            selected.Add(i);
        }
        return selected;
    }

    /// <summary>How a selected column is read: as labels when it is a category column only, else numbers-or-text.</summary>
    internal ColumnKind KindOf(string name)
    {
        static bool In(IReadOnlyCollection<string>? names, string name) => names is not null && names.Contains(name, StringComparer.OrdinalIgnoreCase);
        return In(LabelColumns, name) && !In(OnlyColumns, name) && !In(OptionalColumns, name) ? ColumnKind.Labels : ColumnKind.Auto;
    }
}
