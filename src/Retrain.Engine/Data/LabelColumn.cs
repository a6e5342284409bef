namespace Retrain.Engine.Data;

/// <summary>
/// A column as categories: one code per row into <see cref="Labels"/>, the distinct values present, in order
/// (numbers ascending, text in natural order: ENG-2 before ENG-10). Grouping and splitting work on the codes;
/// reports show the labels. Made by <see cref="Dataset.Labels"/> from a numeric or a text column alike.
/// </summary>
public sealed class LabelColumn
{
    internal LabelColumn(int[] codes, string[] labels)
    {
        Codes = codes;
        Labels = labels;
    }

    /// <summary>Per row, an index into <see cref="Labels"/>; a smaller code is an earlier label.</summary>
    public IReadOnlyList<int> Codes { get; }

    public IReadOnlyList<string> Labels { get; }

    public int RowCount => Codes.Count;

    public string this[int row] => Labels[Codes[row]];

    /// <summary>The codes as an array (a copy), for code that indexes groups.</summary>
    public int[] ToCodeArray() => Codes.ToArray();
}
