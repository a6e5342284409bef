using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The prediction-log key of every row of a dataset, the same way when predictions are logged and when outcomes are
/// joined to them: the equipment id from data.group_column (as text, as the data gave it), and the row's time from
/// the timestamp column when the data has one, else from the cycle column.
/// </summary>
public static class PredictionKeys
{
    /// <summary>Each row's equipment id (data.group_column, as text): what predictions are logged and joined by, and canary rows routed by.</summary>
    public static LabelColumn EquipmentIds(Dataset data, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        string group = options.GroupColumn is { Length: > 0 } g ? g
            : throw new DataException("NoEquipmentColumn", RetrainErrorKind.InvalidConfiguration,
                "Predictions are logged and joined, and canary rows routed, by equipment id, and data.group_column is not set: set it to the column naming the equipment.",
                data.Source, null);
        if (!data.HasColumn(group))
            throw DataErrors.MissingColumn(data.Source, group, "the equipment id (data.group_column) predictions are logged and joined, and canary rows routed, by",
                data.ColumnNames);
        return data.Labels(group);
    }

    public static PredictionKey[] Of(Dataset data, DataOptions options)
    {
        LabelColumn ids = EquipmentIds(data, options);
        var keys = new PredictionKey[data.RowCount];
        if (data.Timestamps is { } timestamps)
        {
            for (int r = 0; r < keys.Length; r++)
                keys[r] = new PredictionKey(ids[r], timestamps[r].ToUniversalTime(), null);
            return keys;
        }
        string cycle = TrainingWorkflow.DefaultOrderColumn;
        if (!data.HasColumn(cycle))
            throw DataErrors.MissingColumn(data.Source, cycle,
                "the time predictions are logged and joined by: a timestamp column (data.timestamp_column), or else the cycle", data.ColumnNames);
        double[] cycles = data.Column(cycle);
        for (int r = 0; r < keys.Length; r++)
        {
            if (!double.IsFinite(cycles[r]))
                throw new DataException("NonFiniteCycle", $"{data.Source}: row {r + 1} of column '{cycle}' is not a finite number.", data.Source, cycle, r + 1);
            keys[r] = new PredictionKey(ids[r], null, cycles[r]);
        }
        return keys;
    }
}
