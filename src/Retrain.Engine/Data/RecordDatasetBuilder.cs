using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>
/// Builds a <see cref="Dataset"/> from records that arrive one at a time (e.g. PowerShell objects from the
/// pipeline, already unwrapped to name/value pairs). The first record fixes the columns, in its property
/// order. Values may be any .NET number type or a string (parsed with invariant culture, as Import-Csv gives
/// strings); a column is numeric or text as <see cref="ColumnBuilder"/> decides, as for files. The timestamp may be
/// a <see cref="DateTimeOffset"/>, <see cref="DateTime"/> (no kind = UTC) or an ISO 8601 string. Errors name
/// "input object N" (1-based), the column and the value.
/// </summary>
public sealed class RecordDatasetBuilder
{
    private readonly string _source;
    private readonly DatasetReadOptions _options;
    private string[]? _names;          // numeric columns, as the first record spells them
    private int[] _positions = [];     // where each was in the first record: tried first, then a search by name
    private ColumnBuilder[] _columns = [];
    private string? _timestampName;
    private int _timestampPosition = -1;
    private GrowableArray<DateTimeOffset>? _timestamps;
    private int _objects;              // input objects seen, for "input object N"
    private int _rows;                 // rows kept (inside the time window)
    private DateTimeOffset? _minTime, _maxTime;

    public RecordDatasetBuilder(string sourceName, DatasetReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        _source = sourceName;
        _options = options ?? DatasetReadOptions.Default;
        _options.Validate(sourceName);
    }

    /// <summary>The rows kept so far (records outside the time window are not counted).</summary>
    public int Count => _rows;

    /// <summary>Adds one record: property name → value, in property order.</summary>
    public void Add(IReadOnlyList<KeyValuePair<string, object?>> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        int n = ++_objects;
        if (_names is null)
            Start(record, n);

        if (_timestamps is not null)
        {
            var value = Find(record, _timestampName!, _timestampPosition, n);
            var t = ToTimestamp(value, n);
            if (_minTime is null || t < _minTime) _minTime = t;
            if (_maxTime is null || t > _maxTime) _maxTime = t;
            if (!_options.InWindow(t))
                return;
            // Every property is looked up before anything is stored, so a record that lacks one leaves no half row behind.
            var found = FindAll(record, n);
            _options.CheckRowLimit(_rows, _source, "input object", n);
            _timestamps.Add(t);
            AddValues(found, n);
        }
        else
        {
            var found = FindAll(record, n);
            _options.CheckRowLimit(_rows, _source, "input object", n);
            AddValues(found, n);
        }
        _rows++;
    }

    /// <summary>The dataset of the rows added so far.</summary>
    public Dataset Build()
    {
        if (_objects == 0 || _names is null)
            throw new DataException("NoInputRows", $"{_source}: no input rows.", _source, null);
        if (_rows == 0)
            throw DataErrors.EmptyWindow(_source, _options, _objects, _minTime, _maxTime);
        // Copies: the builder may go on adding rows.
        return new Dataset(_source, _columns.Select(c => c.Build(copy: true)).ToArray(), _timestamps?.CopyToArray(), _timestampName);
    }

    private void Start(IReadOnlyList<KeyValuePair<string, object?>> record, int n)
    {
        var names = new string[record.Count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = record[i].Key;
            if (!seen.Add(names[i]))
                throw new DataException("DuplicateColumn", $"{_source}: input object {n} has property '{names[i]}' twice.", _source, names[i], n);
        }
        if (_options.TimestampColumn is { } ts)
        {
            _timestampPosition = Array.FindIndex(names, x => string.Equals(x, ts, StringComparison.OrdinalIgnoreCase));
            if (_timestampPosition < 0)
                throw new DataException("MissingColumn",
                    $"{_source}: input object {n} has no property '{ts}' (the timestamp column); its properties are {DataErrors.ListColumns(names)}.", _source, ts, n);
            _timestampName = names[_timestampPosition];
            _timestamps = new GrowableArray<DateTimeOffset>();
        }
        var selected = _options.SelectColumns(_source, names, $"input object {n}");
        if (selected.Count == 0 && _timestamps is null)
            throw new DataException("NoColumns", $"{_source}: input object {n} leaves no columns to read (its properties are {DataErrors.ListColumns(names)}).", _source, null, n);
        _positions = selected.ToArray();
        _names = selected.Select(i => names[i]).ToArray();
        _columns = _names.Select(name => new ColumnBuilder(_source, "input object", name, _options.KindOf(name))).ToArray();
    }

    private object?[] FindAll(IReadOnlyList<KeyValuePair<string, object?>> record, int n)
    {
        var values = new object?[_names!.Length];
        for (int c = 0; c < values.Length; c++)
            values[c] = Find(record, _names[c], _positions[c], n);
        return values;
    }

    private void AddValues(object?[] values, int n)
    {
        for (int c = 0; c < values.Length; c++)
        {
            var column = _columns[c];
            var value = values[c];
            if (column.WantsText)
            {
                column.AddLabel(value is null ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", n);
                continue;
            }
            switch (ToNumber(value, out var d, out var text))
            {
                case NumberStatus.Ok: column.AddNumber(d); break;
                case NumberStatus.NotANumber: column.AddText(text, n, value is string ? null : $"{DataErrors.Quote(text)} (a {value!.GetType().Name}) is not a number."); break;
                case var status: column.AddBad(text, status, n, value is null ? "the value is null; a number is required." : null); break;
            }
        }
    }

    /// <summary>The value of property <paramref name="name"/>: at its usual position if it is there, else looked up by name.</summary>
    private object? Find(IReadOnlyList<KeyValuePair<string, object?>> record, string name, int position, int n)
    {
        if (position < record.Count && string.Equals(record[position].Key, name, StringComparison.OrdinalIgnoreCase))
            return record[position].Value;
        for (int i = 0; i < record.Count; i++)
            if (string.Equals(record[i].Key, name, StringComparison.OrdinalIgnoreCase))
                return record[i].Value;
        throw new DataException("MissingColumn",
            $"{_source}: input object {n} has no property '{name}' (input object 1 had it).", _source, name, n);
    }

    /// <summary>A value as a number; <paramref name="text"/> is how it is written when it is not a finite one.</summary>
    private static NumberStatus ToNumber(object? value, out double d, out string text)
    {
        text = "";
        switch (value)
        {
            case double x: d = x; break;
            case float x: d = x; break;
            case int x: d = x; break;
            case long x: d = x; break;
            case short x: d = x; break;
            case byte x: d = x; break;
            case sbyte x: d = x; break;
            case ushort x: d = x; break;
            case uint x: d = x; break;
            case ulong x: d = x; break;
            case decimal x: d = (double)x; break;
            case string s:
                var status = NumberParser.Parse(s, out d);
                text = s;
                return status;
            case null:
                d = 0;
                return NumberStatus.Empty;
            default:
                // A date, a bool, a nested object: not a number, so the column is text.
                d = 0;
                text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                return NumberStatus.NotANumber;
        }
        if (double.IsFinite(d))
            return NumberStatus.Ok;
        text = d.ToString(CultureInfo.InvariantCulture);
        return NumberStatus.NotFinite;
    }

    private DateTimeOffset ToTimestamp(object? value, int n)
    {
        var column = _timestampName!;
        switch (value)
        {
            case DateTimeOffset t:
                return t;
            case DateTime t:
                return TimestampParser.FromDateTime(t);
            case string s when TimestampParser.TryParse(s, out var t):
                return t;
            case null:
                throw new DataException("BadTimestamp", $"{_source}: input object {n}, column '{column}': the value is null; a date/time is required.", _source, column, n);
            default:
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                throw new DataException("BadTimestamp",
                    $"{_source}: input object {n}, column '{column}': {DataErrors.Quote(text)}{(value is string ? "" : $" (a {value.GetType().Name})")} is not an ISO 8601 date/time (e.g. {TimestampParser.Example}).",
                    _source, column, n);
        }
    }
}
