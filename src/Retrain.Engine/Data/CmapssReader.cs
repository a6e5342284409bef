using nietras.SeparatedValues;

namespace Retrain.Engine.Data;

/// <summary>
/// Reads the NASA C-MAPSS turbofan text files (train_FD00N.txt, test_FD00N.txt, RUL_FD00N.txt, or the
/// same gzipped): 26 whitespace-separated numbers per line, no header. Columns are named
/// unit, cycle, setting1..setting3, s1..s21.
/// </summary>
public static class CmapssReader
{
    private const int FieldCount = 26;

    /// <summary>unit, cycle, setting1..setting3, s1..s21 (26 names).</summary>
    public static readonly IReadOnlyList<string> ColumnNames = Array.AsReadOnly(
        new[] { "unit", "cycle", "setting1", "setting2", "setting3" }
            .Concat(Enumerable.Range(1, 21).Select(i => "s" + i))
            .ToArray());

    /// <summary>The label column the readers add.</summary>
    public const string RulColumn = "rul";

    /// <summary>
    /// Reads a train or test file. With <paramref name="addRunToFailureRul"/> a 'rul' column is added:
    /// the unit's last cycle − cycle, right for the training files, whose units run until they fail.
    /// </summary>
    public static Dataset Read(string path, bool addRunToFailureRul = false, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        var columns = DataFile.Read(path, options.MaxBytes, reader => ReadColumns(reader, path, options.MaxRows));
        if (!addRunToFailureRul)
            return new Dataset(path, ColumnNames, columns);

        var unit = columns[0];
        var cycle = columns[1];
        var lastCycle = LastCycles(unit, cycle);
        var rul = new double[unit.Length];
        for (int r = 0; r < rul.Length; r++)
            rul[r] = lastCycle[unit[r]] - cycle[r];
        return new Dataset(path, WithRul(), columns.Append(rul).ToArray());
    }

    /// <summary>
    /// Reads a test file and labels every row with its remaining useful life:
    /// RUL_i + (last cycle of unit i − cycle), where RUL_i is line i of <paramref name="rulPath"/>
    /// (the true RUL after unit i's last recorded cycle).
    /// </summary>
    public static Dataset ReadTest(string testPath, string rulPath, DatasetReadOptions? options = null)
    {
        options ??= DatasetReadOptions.Default;
        var columns = DataFile.Read(testPath, options.MaxBytes, reader => ReadColumns(reader, testPath, options.MaxRows));
        var rulAtEnd = DataFile.Read(rulPath, options.MaxBytes, reader => ReadRulLines(reader, rulPath, options.MaxRows));

        var unit = columns[0];
        var cycle = columns[1];
        var lastCycle = LastCycles(unit, cycle);
        if (lastCycle.Count != rulAtEnd.Count)
            throw new DataException("RulMismatch",
                $"{rulPath} has {rulAtEnd.Count} RUL line{(rulAtEnd.Count == 1 ? "" : "s")}, but {testPath} has {lastCycle.Count} units; are they from the same FD00N set?",
                rulPath, RulColumn);

        var rul = new double[unit.Length];
        for (int r = 0; r < rul.Length; r++)
        {
            var u = unit[r];
            if (u < 1 || u > rulAtEnd.Count || u != Math.Floor(u))
                throw new DataException("RulMismatch",
                    $"{testPath} row {r + 1}: unit {u} has no line in {rulPath} (units must be numbered 1..{rulAtEnd.Count}).",
                    testPath, "unit", r + 1);
            rul[r] = rulAtEnd[(int)u - 1] + (lastCycle[u] - cycle[r]);
        }
        return new Dataset(testPath, WithRul(), columns.Append(rul).ToArray());
    }

    private static string[] WithRul() => ColumnNames.Append(RulColumn).ToArray();

    /// <summary>The largest cycle of every unit.</summary>
    private static Dictionary<double, double> LastCycles(double[] unit, double[] cycle)
    {
        var last = new Dictionary<double, double>();
        for (int r = 0; r < unit.Length; r++)
            if (!last.TryGetValue(unit[r], out var c) || cycle[r] > c)
                last[unit[r]] = cycle[r];
        return last;
    }

    /// <summary>Sep reads the lines; each is split on spaces and tabs, empty fields (the trailing spaces) dropped.</summary>
    private static SepReader OpenLines(TextReader text) =>
        Sep.New(' ').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
            .From(text, leaveOpen: true);

    private static double[][] ReadColumns(TextReader text, string source, int maxRows)
    {
        var columns = new GrowableArray<double>[FieldCount];
        for (int c = 0; c < FieldCount; c++)
            columns[c] = new GrowableArray<double>(4096);
        Span<double> values = stackalloc double[FieldCount];

        using var sep = OpenLines(text);
        long line = 0;
        foreach (var row in sep)
        {
            line++; // without quotes every row is one line
            var span = row.Span;
            int n = 0;
            while (NextField(ref span, out var field))
            {
                if (n == FieldCount)
                {
                    n++;
                    while (NextField(ref span, out _))
                        n++;
                    break;
                }
                var status = NumberParser.Parse(field, out values[n]);
                if (status != NumberStatus.Ok)
                    throw DataErrors.BadNumber(source, line, ColumnNames[n], status, field);
                n++;
            }
            if (n == 0)
                continue; // blank line
            if (n != FieldCount)
                throw new DataException("FieldCount",
                    $"{source} line {line}: {n} number{(n == 1 ? "" : "s")}, expected {FieldCount} (unit, cycle, setting1..setting3, s1..s21).",
                    source, null, line);
            if (columns[0].Count == maxRows)
                throw DataErrors.TooManyRows(source, "line", line, maxRows);
            for (int c = 0; c < FieldCount; c++)
                columns[c].Add(values[c]);
        }
        if (columns[0].Count == 0)
            throw DataErrors.NoDataRows(source, "the file is empty");
        return columns.Select(c => c.ToArray()).ToArray();
    }

    /// <summary>One number per line (trailing spaces allowed).</summary>
    private static List<double> ReadRulLines(TextReader text, string source, int maxRows)
    {
        var values = new List<double>();
        using var sep = OpenLines(text);
        long line = 0;
        foreach (var row in sep)
        {
            line++;
            var span = row.Span;
            if (!NextField(ref span, out var field))
                continue;
            if (NextField(ref span, out _))
                throw new DataException("FieldCount", $"{source} line {line}: expected one number (the RUL of unit {values.Count + 1}), found more.", source, RulColumn, line);
            var status = NumberParser.Parse(field, out var value);
            if (status != NumberStatus.Ok)
                throw DataErrors.BadNumber(source, line, RulColumn, status, field);
            if (values.Count == maxRows)
                throw DataErrors.TooManyRows(source, "line", line, maxRows);
            values.Add(value);
        }
        if (values.Count == 0)
            throw DataErrors.NoDataRows(source, "the file is empty");
        return values;
    }

    /// <summary>Cuts the next whitespace-separated field off the front of <paramref name="rest"/>.</summary>
    private static bool NextField(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
    {
        int start = rest.IndexOfAnyExcept(' ', '\t');
        if (start < 0)
        {
            rest = default;
            field = default;
            return false;
        }
        rest = rest[start..];
        int end = rest.IndexOfAny(' ', '\t');
        if (end < 0)
            end = rest.Length;
        field = rest[..end];
        rest = rest[end..];
        return true;
    }
}
