using System.Globalization;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>Checks a <see cref="TrainingRequest"/> up front, so bad input fails with a clear error and not deep inside ML.NET.</summary>
internal static class TrainingChecks
{
    /// <summary>Validates the request; returns the order column the window features use (null: row order, or no windows).</summary>
    public static string? Validate(TrainingRequest request)
    {
        var data = request.Data;
        var options = request.Options;
        if (request.Features is null || request.Features.Count == 0)
            throw new RetrainException("NoFeatures", RetrainErrorKind.InvalidArgument,
                $"{data.Source}: no feature columns were given to train on.", data.Source);
        if (!data.HasColumn(request.TargetColumn))
            throw new DataException("MissingTargetColumn",
                $"{data.Source}: the target column '{request.TargetColumn}' is missing (columns are: {string.Join(", ", data.ColumnNames)}).",
                data.Source, request.TargetColumn);
        foreach (var feature in request.Features)
        {
            if (string.Equals(feature, request.TargetColumn, StringComparison.OrdinalIgnoreCase))
                throw new RetrainException("TargetIsFeature", RetrainErrorKind.InvalidArgument,
                    $"{data.Source}: the target column '{feature}' is also listed as a feature.", feature);
            if (!data.HasColumn(feature))
                throw new DataException("MissingFeatureColumn",
                    $"{data.Source}: the feature column '{feature}' is missing (columns are: {string.Join(", ", data.ColumnNames)}).",
                    data.Source, feature);
        }
        if (request.GroupColumn is not null && !data.HasColumn(request.GroupColumn))
            throw new DataException("MissingGroupColumn",
                $"{data.Source}: the group (unit) column '{request.GroupColumn}' is missing.", data.Source, request.GroupColumn);
        if (data.RowCount == 0)
            throw new DataException("NoDataRows", $"{data.Source}: no rows to train on.", data.Source, null);

        var target = data.Column(request.TargetColumn);
        for (int r = 0; r < target.Length; r++)
            if (!double.IsFinite(target[r]))
                throw new DataException("NonFiniteTarget",
                    $"{data.Source} row {r + 1}: the target column '{request.TargetColumn}' is {target[r].ToString(CultureInfo.InvariantCulture)}; every target must be a finite number.",
                    data.Source, request.TargetColumn, r + 1);

        if (options.RulCap is double cap && !(cap > 0 && double.IsFinite(cap)))
            throw new RetrainException("InvalidRulCap", RetrainErrorKind.InvalidArgument,
                $"training.rul_cap must be a positive number; it is {cap.ToString(CultureInfo.InvariantCulture)}.", "training.rul_cap");
        if (options.WindowFeatures < 0)
            throw new RetrainException("InvalidWindow", RetrainErrorKind.InvalidArgument,
                $"training.window_features must be 0 (off) or a positive number of cycles; it is {options.WindowFeatures}.", "training.window_features");

        if (options.WindowFeatures == 0)
            return null;
        if (request.OrderColumn is not null)
        {
            if (!data.HasColumn(request.OrderColumn))
                throw new DataException("MissingOrderColumn",
                    $"{data.Source}: the order column '{request.OrderColumn}' (for window features) is missing.", data.Source, request.OrderColumn);
            return request.OrderColumn;
        }
        return data.HasColumn("cycle") ? "cycle" : null;
    }
}
