using Retrain.Engine.Configuration;

namespace Retrain.Engine.Data;

/// <summary>Decides which columns are model features: the one place that rule lives.</summary>
public static class FeatureSelection
{
    /// <summary>
    /// The requested features if given; else <c>data.feature_columns</c> if set; else every column of
    /// the first dataset except the target, timestamp, group and excluded columns.
    /// Each named feature must exist in every dataset given.
    /// </summary>
    public static IReadOnlyList<string> Resolve(DataOptions data, string targetColumn, IReadOnlyList<string>? requested, params Dataset[] datasets)
    {
        if (datasets.Length == 0)
            throw new ArgumentException("At least one dataset is needed.", nameof(datasets));
        IReadOnlyList<string> features;
        if (requested is { Count: > 0 })
            features = requested.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        else if (data.FeatureColumns.Count > 0)
            features = data.FeatureColumns;
        else
        {
            var skip = new HashSet<string>(data.ExcludeColumns, StringComparer.OrdinalIgnoreCase) { targetColumn };
            if (data.TimestampColumn is not null)
                skip.Add(data.TimestampColumn);
            if (data.GroupColumn is not null)
                skip.Add(data.GroupColumn);
            features = datasets[0].ColumnNames.Where(c => !skip.Contains(c)).ToArray();
        }
        foreach (var dataset in datasets)
            foreach (var feature in features)
                dataset.Column(feature); // throws a DataException naming the column and the dataset
        if (features.Count == 0)
            throw new DataException("NoFeatures", $"{datasets[0].Source}: no feature columns are left once the target '{targetColumn}', timestamp, group and excluded columns are set aside.", datasets[0].Source, null);
        return features;
    }
}
