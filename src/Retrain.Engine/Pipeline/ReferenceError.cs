using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Training;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// A model's error on the reference window of a concept-drift check, out of sample. The recommended reference is
/// the training data, and a model's error on rows it was fitted on is far below its real error, so every honest
/// current error would look like drift against it. Overlap with the training data is found from the manifest:
/// <list type="number">
/// <item>Same data: the reference window's <see cref="DataHash"/> over the manifest's features and target (rows in
/// order, before any cap) equals its <c>data_sha256</c>. The reference is then exactly what the model was trained
/// and tested on, and the reference error is the one recorded on the held-out units at training (<c>metrics.mae</c>
/// over <c>test_rows</c>): <see cref="ReferenceErrorSource.HeldOutAtTraining"/>.</item>
/// <item>Shared units: the manifest lists the units the model was fitted on (<c>train_units</c>: split by unit, with
/// a group column) and the reference has that column. Rows whose unit key (<see cref="UnitKeys"/>) is one of them are
/// left out and the model scores the rest: <see cref="ReferenceErrorSource.ReferenceRowsNotTrainedOn"/>. Whole units
/// go, so window features still see each remaining unit's history. Unit ids are compared, not rows: a file that reuses
/// the ids for other equipment (C-MAPSS numbers test_FD001's engines 1..100, like train_FD001's) loses those units
/// too; the reference is then smaller, never in-sample. When every reference unit is a training unit, the held-out
/// error recorded at training is used, as in 1.</item>
/// </list>
/// Otherwise (no shared unit, a split by row, or a manifest older than <c>train_units</c>) the model scores the whole
/// reference window: <see cref="ReferenceErrorSource.ReferenceWindow"/>. A reference that is all training rows of a
/// model that held nothing out (test_size 0) has no honest reference error, and concept drift is not assessed.
/// Labels are capped at the model's own <c>rul_cap</c>, as its held-out error was measured.
/// <para>Per unit (for the concept-drift interval): the manifest's <c>held_out_errors</c> when the held-out error is
/// used, else the scored rows grouped by the group column; null when there are no units to tell.</para>
/// </summary>
public static class ReferenceError
{
    public sealed record Result(bool Assessed, double Mae, int Rows, ReferenceErrorSource Source, string Explanation,
        IReadOnlyList<UnitErrorTotal>? Units = null);

    public static Result Measure(ScoredModel model, Dataset reference, string target, string? groupColumn = null)
    {
        var manifest = model.Predictor.Manifest;
        if (IsTrainingData(reference, manifest))
            return HeldOut(manifest, $"{reference.Source} is the data {model.Uri} was trained on (same data_sha256)");

        var trained = TrainedOn(reference, manifest);
        if (trained is null || !trained.Contains(true))
            return Scored(model, reference, target, groupColumn, ReferenceErrorSource.ReferenceWindow,
                $"{reference.Source} shares no rows with the data {model.Uri} was trained on, as far as its manifest tells");

        var rest = reference.Where(r => !trained[r]);
        var units = manifest.GroupColumn!;
        int left = UnitKeys.Of(reference, units).Where((_, r) => trained[r]).Distinct(StringComparer.Ordinal).Count();
        if (rest.RowCount == 0)
            return HeldOut(manifest, $"every unit of {reference.Source} is one {model.Uri} was trained on");
        return Scored(model, rest, target, units, ReferenceErrorSource.ReferenceRowsNotTrainedOn,
            $"{left} unit(s) of {reference.Source} ({reference.RowCount - rest.RowCount} rows) are ones {model.Uri} was trained on (by '{units}' id) and are left out");
    }

    private static bool IsTrainingData(Dataset reference, ModelManifest manifest) =>
        manifest.DataSha256.Length > 0
        && reference.RowCount == manifest.RowCount
        && reference.HasColumn(manifest.Target)
        && manifest.Features.All(reference.HasColumn)
        && DataHash.Compute(reference, manifest.Features, manifest.Target) == manifest.DataSha256;

    /// <summary>Per reference row, whether its unit is one the model was fitted on; null when the manifest cannot tell.</summary>
    private static bool[]? TrainedOn(Dataset reference, ModelManifest manifest)
    {
        if (manifest.TrainUnits.Count == 0 || manifest.GroupColumn is not { } group || !reference.HasColumn(group))
            return null;
        var trainUnits = manifest.TrainUnits.ToHashSet(StringComparer.Ordinal);
        return UnitKeys.Of(reference, group).Select(trainUnits.Contains).ToArray();
    }

    private static Result HeldOut(ModelManifest manifest, string why) =>
        manifest.TestRows > 0 && manifest.Metrics.TryGetValue("mae", out var mae)
            ? new(true, mae, manifest.TestRows, ReferenceErrorSource.HeldOutAtTraining,
                $"{why}, so the reference error is its MAE on the {manifest.TestRows} rows of the {manifest.TestUnits.Count} unit(s) it held out at training",
                manifest.HeldOutErrors.Count == 0 ? null : manifest.HeldOutErrors.Values.Select(u => new UnitErrorTotal(u.Rows, u.Rows * u.Mae)).ToArray())
            : new(false, double.NaN, 0, ReferenceErrorSource.HeldOutAtTraining,
                $"{why}, and it held nothing out at training (test_size 0), so there is no out-of-sample reference error; give a reference window it did not train on.");

    private static Result Scored(ScoredModel model, Dataset rows, string target, string? groupColumn, ReferenceErrorSource source, string why)
    {
        var actual = EvaluationLabels.From(rows, target, model.Predictor.Manifest.RulCap);
        var predicted = model.Predict(rows);
        var mae = MetricsCalculator.Compute(actual, predicted).Mae;
        return new(true, mae, rows.RowCount, source, $"{why}; the reference error is its MAE on {rows.RowCount} reference rows",
            PerUnit(rows, groupColumn, actual, predicted));
    }

    /// <summary>Each unit's absolute-error total over <paramref name="rows"/>; null without the unit column.</summary>
    internal static UnitErrorTotal[]? PerUnit(Dataset rows, string? groupColumn, double[] actual, double[] predicted) =>
        groupColumn is not null && rows.HasColumn(groupColumn)
            ? UnitErrorTotal.PerUnit(actual, predicted, rows.Labels(groupColumn).ToCodeArray())
            : null;
}
