using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>How a reader takes a column's cells.</summary>
internal enum ColumnKind
{
    /// <summary>Numbers while every cell is one; the first cell that is text makes it a text column.</summary>
    Auto,

    /// <summary>Kept as written (unit ids, segments): a text column, or numeric when every value is a number.</summary>
    Labels,
}

/// <summary>
/// Fills one column row by row, deciding on the way whether it is numeric or text (shared by the CSV reader and
/// <see cref="RecordDatasetBuilder"/>, so files and objects decide alike). A column is text when a non-empty cell
/// is not a number (an empty, NaN or infinite cell is not evidence of text). An empty or non-finite cell of a
/// column that stays numeric is the column's fault, raised when its numbers are used (see <see cref="Dataset.Column"/>).
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly string _source;
    private readonly string _rowWord;
    private readonly string _name;
    private readonly ColumnKind _kind;
    private GrowableArray<double>? _numbers;
    private DataException? _fault;
    private List<(int Row, string Text)>? _oddCells; // empty/NaN cells while numeric: their text, should the column turn out text
    private Dictionary<string, int>? _index;
    private List<string>? _labels;
    private List<long>? _firstLine;                   // per label, where it first appears (Labels kind)
    private GrowableArray<int>? _codes;
    private DataException? _notNumbers;
    private int _count;

    /// <summary>A column of <c>source</c>; <c>rowWord</c> is how errors name a row: "line" (files) or "input object" (records).</summary>
    public ColumnBuilder(string source, string rowWord, string name, ColumnKind kind, int capacity = 1024)
    {
        _source = source;
        _rowWord = rowWord;
        _name = name;
        _kind = kind;
        if (kind == ColumnKind.Labels)
            StartText(capacity);
        else
            _numbers = new GrowableArray<double>(capacity);
    }

    public string Name => _name;

    public ColumnKind Kind => _kind;

    public int Count => _count;

    /// <summary>Whether cells are wanted as text (a Labels column): the caller then hands every cell to <see cref="AddLabel"/>.</summary>
    public bool WantsText => _kind == ColumnKind.Labels;

    /// <summary>A finite number.</summary>
    public void AddNumber(double value)
    {
        if (_numbers is not null)
            _numbers.Add(value);
        else
            AddToText(value.ToString("R", CultureInfo.InvariantCulture));
        _count++;
    }

    /// <summary>An empty or non-finite cell: a fault if the column stays numeric, the label <paramref name="text"/> if it turns text.</summary>
    public void AddBad(string text, NumberStatus status, long row, string? detail = null)
    {
        if (_numbers is not null)
        {
            _fault ??= DataErrors.BadCell(_source, _rowWord, row, _name, status, text, detail);
            (_oddCells ??= new()).Add((_count, text));
            _numbers.Add(double.NaN);
        }
        else
        {
            AddToText(text);
        }
        _count++;
    }

    /// <summary>A cell that is not a number: the column is text from now on (numbers before it keep their round-trip spelling).</summary>
    public void AddText(string text, long row, string? detail = null)
    {
        if (_numbers is not null)
            ToText(DataErrors.TextCell(_source, _rowWord, row, _name, text, detail));
        AddToText(text);
        _count++;
    }

    /// <summary>A cell of a Labels column, kept as written; <paramref name="line"/> is where it is, for the error that names it.</summary>
    public void AddLabel(string text, long line)
    {
        if (!_index!.TryGetValue(text, out var code))
        {
            _index[text] = code = _labels!.Count;
            _labels.Add(text);
            _firstLine!.Add(line);
        }
        _codes!.Add(code);
        _count++;
    }

    /// <summary>Room for <paramref name="capacity"/> rows, so a large file's buffers grow once.</summary>
    public void Reserve(int capacity)
    {
        _numbers?.Reserve(capacity);
        _codes?.Reserve(capacity);
    }

    /// <summary>The column; <paramref name="copy"/> for a builder that may go on adding rows.</summary>
    public DatasetColumn Build(bool copy = false)
    {
        if (_numbers is not null)
            return DatasetColumn.Numeric(_name, copy ? _numbers.CopyToArray() : _numbers.ToArray(), _fault);
        var codes = copy ? _codes!.CopyToArray() : _codes!.ToArray();
        if (_kind == ColumnKind.Labels)
        {
            // Ids that are all numbers (unit 1, 2, …) are a numeric column, as the same ids in a C-MAPSS file are.
            var values = new double[_labels!.Count];
            int offending = -1;
            for (int i = 0; i < values.Length; i++)
                if (NumberParser.Parse(_labels[i], out values[i]) != NumberStatus.Ok && (offending < 0 || _firstLine![i] < _firstLine[offending]))
                    offending = i;
            if (offending < 0)
            {
                var numbers = new double[codes.Length];
                for (int r = 0; r < numbers.Length; r++)
                    numbers[r] = values[codes[r]];
                return DatasetColumn.Numeric(_name, numbers);
            }
            _notNumbers = DataErrors.TextCell(_source, _rowWord, _firstLine![offending], _name, _labels[offending]);
        }
        return DatasetColumn.Text(_name, codes, _labels!.ToArray(), _notNumbers!);
    }

    private void StartText(int capacity)
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _labels = new List<string>();
        _firstLine = new List<long>();
        _codes = new GrowableArray<int>(capacity);
    }

    private void ToText(DataException notNumber)
    {
        var numbers = _numbers!;
        _numbers = null;
        _notNumbers = notNumber;
        StartText(Math.Max(1024, numbers.Count * 2));
        int odd = 0;
        for (int r = 0; r < numbers.Count; r++)
        {
            if (_oddCells is not null && odd < _oddCells.Count && _oddCells[odd].Row == r)
                AddToText(_oddCells[odd++].Text);
            else
                AddToText(numbers[r].ToString("R", CultureInfo.InvariantCulture));
        }
        _oddCells = null;
        _fault = null;
    }

    private void AddToText(string text)
    {
        if (!_index!.TryGetValue(text, out var code))
        {
            _index[text] = code = _labels!.Count;
            _labels.Add(text);
            _firstLine!.Add(0);
        }
        _codes!.Add(code);
    }
}
