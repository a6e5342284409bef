using Retrain.Engine.Data;
using Retrain.Engine.Training;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The rows a retrained challenger and the champion are compared on: the challenger's held-out units (its manifest's
/// test_units, from the same training window it was fitted on) less every unit the champion was fitted on (the
/// champion's train_units). The champion's window usually overlaps the challenger's, so without the second cut the
/// champion would be scored on engines it learnt, and look better than it is.
/// </summary>
public static class FairTestSplit
{
    public sealed record Split(Dataset Rows, IReadOnlyList<string> Units, IReadOnlyList<string> LeftOut, string Explanation);

    /// <param name="trainingWindow">The data the challenger was trained on (the training window, rows as it saw them).</param>
    /// <param name="challenger">The challenger's manifest (its test_units).</param>
    /// <param name="champion">The champion's manifest (its train_units), or null without a champion.</param>
    /// <param name="testRows">The challenger's held-out rows of <paramref name="trainingWindow"/> (used when it split by row).</param>
    public static Split Of(Dataset trainingWindow, ModelManifest challenger, IReadOnlyList<int> testRows, ModelManifest? champion)
    {
        ArgumentNullException.ThrowIfNull(trainingWindow);
        ArgumentNullException.ThrowIfNull(challenger);
        if (challenger.SplitBy != "unit" || challenger.GroupColumn is not { } group || !trainingWindow.HasColumn(group))
        {
            if (testRows.Count == 0)
                throw NoRows("the challenger held nothing out at training (model_comparison.test_size must be above 0 for the pipeline)");
            return new Split(trainingWindow.Take(testRows), [], [],
                $"the challenger's {testRows.Count} held-out rows (it split by row, so the champion may have seen some of their machines: set data.group_column)");
        }
        var test = challenger.TestUnits.ToHashSet(StringComparer.Ordinal);
        var seenByChampion = champion is null ? [] : champion.TrainUnits.ToHashSet(StringComparer.Ordinal);
        var leftOut = test.Where(seenByChampion.Contains).Order(NaturalOrder.Instance).ToArray();
        var keep = test.Except(leftOut).ToHashSet(StringComparer.Ordinal);
        if (keep.Count == 0)
            throw NoRows($"each of the challenger's {test.Count} held-out unit(s) is one the champion was trained on ({string.Join(", ", leftOut.Take(10))}" +
                $"{(leftOut.Length > 10 ? ", …" : "")}); a comparison on them would favour the champion. Retrain on data with engines the champion has not seen, " +
                "or raise model_comparison.test_size");
        string[] units = UnitKeys.Of(trainingWindow, group);
        Dataset rows = trainingWindow.Where(r => keep.Contains(units[r]));
        string note = champion is null ? "no champion"
            : champion.SplitBy == "unit" && champion.TrainUnits.Count > 0
                ? leftOut.Length == 0 ? "none of them is one the champion was trained on" : $"{leftOut.Length} unit(s) the champion was trained on left out"
                : "the champion's manifest does not list the units it was trained on, so none could be left out";
        return new Split(rows, keep.Order(NaturalOrder.Instance).ToArray(), leftOut,
            $"{keep.Count} held-out unit(s) of the challenger ({rows.RowCount} rows; {note})");
    }

    private static RetrainException NoRows(string why) =>
        new("NoFairTestUnits", RetrainErrorKind.InvalidData, $"No fair test split for the comparison: {why}.", "model_comparison.test_size");
}
