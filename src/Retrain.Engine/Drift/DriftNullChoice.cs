using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>What calibrated the features' p-values, and what the user should be told about it.</summary>
internal sealed record DriftNull(CalibratedPValues? PValues, string? Warning, int ReferenceEngines, int CurrentEngines);

/// <summary>
/// Chooses the null a drift check's p-values are calibrated against: whole engines exchanged between the windows when
/// their engine sets are disjoint (<see cref="EnginePermutationNull"/>), the watched-fleet scheme when they share engines
/// (<see cref="WatchedFleetNull"/>), and none (row-level p-values, rows assumed independent) without a group column.
/// </summary>
internal static class DriftNullChoice
{
    public static DriftNull Choose(Dataset reference, Dataset current, IReadOnlyList<string> features, string? groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, CancellationToken cancellation)
    {
        const string Rows = "the row-level KS p-values decide, which assume rows are independent; rows of one engine are not, " +
                            "so on a fleet they over-alarm.";
        if (string.IsNullOrEmpty(groupColumn))
            return new(null, $"No group column (data.group_column): {Rows}", 0, 0);
        foreach (var data in new[] { reference, current })
            if (!data.HasColumn(groupColumn))
                return new(null, $"{data.Source} has no group column '{groupColumn}' (data.group_column): {Rows}", 0, 0);

        var referenceUnits = reference.Labels(groupColumn).Labels;
        var currentUnits = current.Labels(groupColumn).Labels;
        bool shared = referenceUnits.Intersect(currentUnits, StringComparer.Ordinal).Any();
        if (shared)
            return new(WatchedFleetNull.Calibrate(reference, current, features, groupColumn, observedStatistics, options, cancellation),
                null, referenceUnits.Count, currentUnits.Count);

        var permuted = EnginePermutationNull.Calibrate(reference, current, features, groupColumn, observedStatistics, options, cancellation);
        string? warning = null;
        double smallest = permuted.Exact ? 1.0 / permuted.Resamples : 1.0 / (options.Permutations + 1);
        if (smallest >= options.DataDriftThreshold)
            warning = $"With {referenceUnits.Count} reference and {currentUnits.Count} current engines the smallest possible engine-calibrated p is " +
                      $"{smallest:0.###}, not below data_drift_threshold {options.DataDriftThreshold}: no data drift can be detected. Compare more engines.";
        return new(permuted, warning, referenceUnits.Count, currentUnits.Count);
    }
}
