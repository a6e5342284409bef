using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Training;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The check before a version may serve: its files pass their SHA-256 (resolving reads the verified bytes), the model
/// loads from those bytes and scores one row of its own input schema to a finite number. A model that fails any of it
/// is never promoted, whatever its comparison said.
/// </summary>
public static class ModelPreflight
{
    public static void Check(ResolvedModel resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        double[] scores;
        try
        {
            using var predictor = ModelPredictor.Load(resolved);
            var columns = predictor.Manifest.RequiredColumns;
            var row = new Dataset($"{resolved.Uri} (one row of zeros)", columns, columns.Select(_ => new double[] { 0 }).ToArray());
            scores = predictor.Predict(row);
        }
        catch (Exception e) when (e is not RetrainException and not OperationCanceledException)
        {
            throw Failed(resolved, $"it does not load or score ({e.GetType().Name}: {e.Message})", e);
        }
        if (scores.Length != 1 || !double.IsFinite(scores[0]))
            throw Failed(resolved, $"it scored one row of zeros as {(scores.Length == 1 ? scores[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "nothing")}, not a number", null);
    }

    private static RetrainException Failed(ResolvedModel resolved, string why, Exception? inner) =>
        new("ModelPreflightFailed", RetrainErrorKind.InvalidData, $"{resolved.Uri} was not deployed: {why}. Nothing changed in the registry.", resolved.Uri, inner);
}
