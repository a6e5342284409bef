using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// The time windows a drift check compares, on the timestamp column: the current window is the last
/// <c>window_size_days</c> up to the anchor, the reference window the <c>training_window_days</c> before it.
/// </summary>
public static class DriftWindows
{
    /// <summary>
    /// The windowed datasets, anchored at <c>asOf</c> (default: the latest timestamp of the current data),
    /// or the inputs unchanged when they carry no timestamps and no anchor was asked for.
    /// </summary>
    public static (Dataset Reference, Dataset Current) Apply(Dataset reference, Dataset current, DriftDetectionOptions drift, PipelineOptions pipeline, DateTimeOffset? asOf = null)
    {
        if (reference.Timestamps is null || current.Timestamps is null)
        {
            if (asOf is null)
                return (reference, current);
            var source = reference.Timestamps is null ? reference.Source : current.Source;
            throw new DataException("NoTimestamp", RetrainErrorKind.InvalidArgument,
                $"{source}: a drift check as of a time needs a timestamp column; set data.timestamp_column.", source, null);
        }
        if (current.RowCount == 0 && asOf is null)
            return (reference, current);
        // The current window includes its end instant; windows are otherwise half-open [start, end).
        var end = (asOf ?? current.Timestamps.Max()).AddTicks(1);
        var currentStart = end.AddDays(-drift.WindowSizeDays);
        var referenceStart = currentStart.AddDays(-pipeline.TrainingWindowDays);
        return (reference.Window(referenceStart, currentStart), current.Window(currentStart, end));
    }
}
