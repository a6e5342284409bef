namespace Retrain.Engine.Data;

/// <summary>
/// One column of a <see cref="Dataset"/>, of one of two kinds: numbers (<c>double[]</c>) or text (a code per
/// row into a list of distinct labels, as equipment ids and site names are). A numeric column whose cells
/// were not all finite numbers carries the read error and raises it when its numbers are used, so a column
/// nobody uses never fails a read.
/// </summary>
public sealed class DatasetColumn
{
    private DatasetColumn(string name, double[]? numbers, int[]? codes, IReadOnlyList<string>? labels, DataException? notNumbers)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Numbers = numbers;
        Codes = codes;
        Labels = labels;
        NotNumbers = notNumbers;
    }

    /// <summary>A numeric column; <paramref name="fault"/> is the error to raise when it is used (an empty or NaN cell).</summary>
    public static DatasetColumn Numeric(string name, double[] values, DataException? fault = null) =>
        new(name, values ?? throw new ArgumentNullException(nameof(values)), null, null, fault);

    /// <summary>
    /// A text column: <paramref name="codes"/> index <paramref name="labels"/>; <paramref name="notNumbers"/> is what
    /// using it as numbers raises (it names the first cell that is not a number).
    /// </summary>
    public static DatasetColumn Text(string name, int[] codes, IReadOnlyList<string> labels, DataException notNumbers) =>
        new(name, null, codes ?? throw new ArgumentNullException(nameof(codes)), labels ?? throw new ArgumentNullException(nameof(labels)),
            notNumbers ?? throw new ArgumentNullException(nameof(notNumbers)));

    public string Name { get; }

    public bool IsText => Codes is not null;

    public int Length => Numbers?.Length ?? Codes!.Length;

    internal double[]? Numbers { get; }

    internal int[]? Codes { get; }

    internal IReadOnlyList<string>? Labels { get; }

    /// <summary>Null when the column is usable as numbers; else the error that says why not.</summary>
    internal DataException? NotNumbers { get; }

    internal DatasetColumn Take(IReadOnlyList<int> rows)
    {
        if (Numbers is { } src)
        {
            var dst = new double[rows.Count];
            for (int i = 0; i < dst.Length; i++)
                dst[i] = src[rows[i]];
            return new DatasetColumn(Name, dst, null, null, NotNumbers);
        }
        var codes = new int[rows.Count];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = Codes![rows[i]];
        return new DatasetColumn(Name, null, codes, Labels, NotNumbers);
    }
}
