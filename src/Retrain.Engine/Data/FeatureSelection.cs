using Retrain.Engine.Configuration;

namespace Retrain.Engine.Data;

/// <summary>The features chosen, and the text columns the default choice passed over (for a verbose note).</summary>
public sealed record FeatureChoice(IReadOnlyList<string> Features, IReadOnlyList<string> SkippedTextColumns)
{
    /// <summary>"Skipped text columns 'site', 'model' (not numbers; features must be numeric)." or null when none were skipped.</summary>
    public string? Note => SkippedTextColumns.Count == 0
        ? null
        : $"Skipped text column{(SkippedTextColumns.Count == 1 ? "" : "s")} {DataErrors.ListColumns(SkippedTextColumns)}: not numbers, so not features (name numeric features with -Feature or data.feature_columns).";
}

/// <summary>Decides which columns are model features: the one place that rule lives.</summary>
public static class FeatureSelection
{
    /// <summary>
    /// The requested features if given; else <c>data.feature_columns</c> if set; else every numeric column of
    /// the first dataset except the target, timestamp, group and excluded columns (text columns are skipped and
    /// named in <see cref="FeatureChoice.SkippedTextColumns"/>). Each named feature must be a numeric column of
    /// every dataset given: a missing one, a text one, or one with an empty or NaN cell is a <see cref="DataException"/>
    /// naming the column and the source.
    /// </summary>
    public static FeatureChoice Choose(DataOptions data, string targetColumn, IReadOnlyList<string>? requested, params Dataset[] datasets)
    {
        if (datasets.Length == 0)
            throw new ArgumentException("At least one dataset is needed.", nameof(datasets));
        IReadOnlyList<string> features;
        var skipped = new List<string>();
        if (requested is { Count: > 0 })
            features = requested.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        else if (data.FeatureColumns.Count > 0)
            features = data.FeatureColumns;
        else
        {
            var first = datasets[0];
            var candidates = first.ColumnNames.Where(c => !Skip(data, targetColumn).Contains(c)).ToArray();
            skipped.AddRange(candidates.Where(first.IsText));
            features = candidates.Where(c => !first.IsText(c)).ToArray();
        }
        foreach (var dataset in datasets)
            foreach (var feature in features)
            {
                if (dataset.IsText(feature))
                    throw DataErrors.TextFeature(dataset.Source, feature, dataset.WhyNotNumbers(feature)!);
                dataset.Column(feature); // throws a DataException naming the column and the dataset
            }
        if (features.Count == 0)
            throw new DataException("NoFeatures",
                $"{datasets[0].Source}: no feature columns are left once the target '{targetColumn}', timestamp, group, excluded{(skipped.Count > 0 ? " and text" : "")} columns are set aside.",
                datasets[0].Source, null);
        return new FeatureChoice(features, skipped);
    }

    /// <summary>As <see cref="Choose"/>, the features only.</summary>
    public static IReadOnlyList<string> Resolve(DataOptions data, string targetColumn, IReadOnlyList<string>? requested, params Dataset[] datasets) =>
        Choose(data, targetColumn, requested, datasets).Features;

    /// <summary>The columns a default feature set leaves out: target, timestamp, group and excluded ones.</summary>
    private static HashSet<string> Skip(DataOptions data, string targetColumn)
    {
        var skip = new HashSet<string>(data.ExcludeColumns, StringComparer.OrdinalIgnoreCase) { targetColumn };
        if (data.TimestampColumn is not null)
            skip.Add(data.TimestampColumn);
        if (data.GroupColumn is not null)
            skip.Add(data.GroupColumn);
        return skip;
    }

    /// <summary>
    /// What to read for a command, given its features (null: the default set) and the other columns it uses: the
    /// features must be there; the target, group (unit), order and segment columns are read when present, the group
    /// and segment columns as categories (text ids allowed). Everything else is not parsed, except that the default
    /// feature set needs every column not excluded. With <paramref name="readAll"/> (a command that scores a model,
    /// whose columns are known only once it is loaded) every column is read, but a text column or a bad cell in
    /// one fails only when that column is used.
    /// </summary>
    public static DatasetReadOptions ReadPlan(DatasetReadOptions baseOptions, DataOptions data, string targetColumn, IReadOnlyList<string>? requested,
        IEnumerable<string?>? numberColumns = null, IEnumerable<string?>? labelColumns = null, bool readAll = false)
    {
        IReadOnlyList<string>? features = readAll ? null : requested is { Count: > 0 } ? requested : data.FeatureColumns.Count > 0 ? data.FeatureColumns : null;
        var labels = new[] { data.GroupColumn }.Concat(labelColumns ?? []).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var optional = new[] { targetColumn }.Concat(numberColumns ?? []).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return baseOptions with
        {
            OnlyColumns = features is null ? null : features.ToArray(),
            IgnoreColumns = readAll ? [] : features is null ? Skip(data, targetColumn).Except(labels.Concat(optional), StringComparer.OrdinalIgnoreCase).ToArray() : [],
            OptionalColumns = optional,
            LabelColumns = labels,
        };
    }
}
