namespace Retrain.Engine.Data;

/// <summary>
/// Several datasets as one, rows in order (a folder of weekly exports read as one table). Every part must have the same
/// columns (in any order) and all or none a timestamp. A column that is text in one part and numbers in another is
/// kept as text (unit ids ENG-1 beside 7 stay categories); a numeric column with a bad cell keeps its error.
/// </summary>
public static class DatasetConcat
{
    public static Dataset Concat(string source, IReadOnlyList<Dataset> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
            throw new DataException("NoData", RetrainErrorKind.InvalidArgument, $"{source}: there is no data file to read.", source, null);
        if (parts.Count == 1)
            return parts[0];
        Dataset first = parts[0];
        var names = first.ColumnNames;
        foreach (Dataset part in parts.Skip(1))
        {
            var missing = names.Where(n => !part.HasColumn(n)).Concat(part.ColumnNames.Where(n => !first.HasColumn(n))).ToArray();
            if (missing.Length > 0)
                throw new DataException("ColumnsDiffer", RetrainErrorKind.InvalidData,
                    $"{part.Source} and {first.Source} have different columns ({string.Join(", ", missing)} in only one of them); every file of {source} needs the same columns.",
                    part.Source, missing[0]);
            if ((part.Timestamps is null) != (first.Timestamps is null))
                throw new DataException("TimestampsDiffer", RetrainErrorKind.InvalidData,
                    $"{(part.Timestamps is null ? part.Source : first.Source)} has no timestamp column while other files of {source} have one.", part.Source, first.TimestampColumn);
        }
        var columns = names.Select(name => Column(name, parts)).ToArray();
        DateTimeOffset[]? timestamps = first.Timestamps is null ? null : parts.SelectMany(p => p.Timestamps!).ToArray();
        return new Dataset(source, columns, timestamps, first.TimestampColumn);
    }

    private static DatasetColumn Column(string name, IReadOnlyList<Dataset> parts)
    {
        if (!parts.Any(p => p.IsText(name)))
        {
            DataException? fault = parts.Select(p => p.WhyNotNumbers(name)).FirstOrDefault(f => f is not null);
            var numbers = fault is null
                ? parts.SelectMany(p => p.Column(name)).ToArray()
                : parts.SelectMany(p => p.WhyNotNumbers(name) is null ? p.Column(name) : Enumerable.Repeat(double.NaN, p.RowCount)).ToArray();
            return DatasetColumn.Numeric(name, numbers, fault);
        }
        var labels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new List<int>();
        foreach (Dataset part in parts)
        {
            LabelColumn column = part.Labels(name);
            for (int r = 0; r < column.RowCount; r++)
            {
                string label = column[r];
                if (!index.TryGetValue(label, out int code))
                {
                    index[label] = code = labels.Count;
                    labels.Add(label);
                }
                codes.Add(code);
            }
        }
        DataException notNumbers = parts.Select(p => p.WhyNotNumbers(name)).First(f => f is not null)!;
        return DatasetColumn.Text(name, codes.ToArray(), labels, notNumbers);
    }
}
