using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// What <c>Invoke-ModelPrediction</c> scores: the model asked for and, when that is the Production version of a model
/// with a shadow, the shadow beside it on the same rows. With recording, both predictions of every row go to the
/// prediction log in one batch, keyed by the row's equipment id and time (<see cref="PredictionKeys"/>).
/// </summary>
public sealed class DeployedScoring : IDisposable
{
    private DeployedScoring(ScoredModel main, bool isProduction, ScoredModel? shadow)
    {
        Main = main;
        IsProduction = isProduction;
        Shadow = shadow;
    }

    public ScoredModel Main { get; }

    /// <summary>The shadow scored beside <see cref="Main"/>; null unless Main is the Production version and a shadow exists.</summary>
    public ScoredModel? Shadow { get; }

    /// <summary>Main is the Production version of its model: what serves, and what can be recorded.</summary>
    public bool IsProduction { get; }

    /// <summary>Every column either model reads.</summary>
    public IReadOnlyList<string> RequiredColumns =>
        Main.Predictor.Manifest.RequiredColumns.Concat(Shadow?.Predictor.Manifest.RequiredColumns ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The unit columns either model groups by (for window features), read as categories.</summary>
    public IReadOnlyList<string> GroupColumns =>
        new[] { Main.Predictor.Manifest.GroupColumn, Shadow?.Predictor.Manifest.GroupColumn }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Resolves and loads the model (each artifact verified); the shadow too when the model is the Production version.</summary>
    public static DeployedScoring Load(IRetrainStore store, string uri, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        var main = ScoredModel.Load(store, uri, baseDirectory);
        try
        {
            ModelVersion? version = main.Version;
            bool production = version is not null && store.GetVersionByStage(version.Name, ModelStage.Production)?.Version == version.Version;
            RoleAssignment? shadow = production ? ShadowChange.Current(store, version!.Name) : null;
            return new DeployedScoring(main, production, shadow is null ? null : ScoredModel.Load(store, shadow.Uri, baseDirectory));
        }
        catch
        {
            main.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores <paramref name="data"/> with both models and, with <paramref name="record"/>, logs both predictions of every
    /// row in one batch. Recording needs the Production version (RecordNeedsProduction otherwise) and each row's key
    /// (equipment id and time), checked before anything is scored or written.
    /// </summary>
    public DeployedPredictions Score(IRetrainStore store, DataOptions options, Dataset data, bool record)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        PredictionKey[]? keys = null;
        if (record)
        {
            if (!IsProduction)
                throw new RetrainException("RecordNeedsProduction", RetrainErrorKind.InvalidOperation,
                    $"{Main.Uri} is not the Production version of a registered model: only the Production version and its shadow are recorded. " +
                    "Score models:/<name>/Production to record, or leave -Record (deployment.record_predictions) off.", Main.Uri);
            keys = PredictionKeys.Of(data, options);
        }
        double[] predictions = Main.Predict(data);
        double[]? shadow = Shadow?.Predict(data);
        PredictionBatch? batch = keys is null ? null : store.AppendPredictions(Main.Version!.Name, Rows(keys, predictions, shadow));
        return new DeployedPredictions { ProducedBy = Main.Uri, Predictions = predictions, ShadowVersion = Shadow?.Uri, ShadowPredictions = shadow, Batch = batch };
    }

    private List<PredictionRow> Rows(PredictionKey[] keys, double[] production, double[]? shadow)
    {
        var rows = new List<PredictionRow>(keys.Length * (shadow is null ? 1 : 2));
        // A row's two predictions side by side: a batch cut short by a crash loses whole rows, rarely half of one.
        for (int r = 0; r < keys.Length; r++)
        {
            rows.Add(Row(keys[r], Main.Version!.Version, PredictionRole.Production, production[r]));
            if (shadow is not null)
                rows.Add(Row(keys[r], Shadow!.Version!.Version, PredictionRole.Shadow, shadow[r]));
        }
        return rows;
    }

    private static PredictionRow Row(PredictionKey key, int version, PredictionRole role, double prediction) => new()
    {
        Version = version, Role = role, EquipmentId = key.EquipmentId, Timestamp = key.Timestamp, Cycle = key.Cycle, Prediction = prediction,
    };

    public void Dispose()
    {
        Main.Dispose();
        Shadow?.Dispose();
    }
}

/// <summary>The predictions of one scoring call: Production's (or the model asked for), the shadow's beside them, and the logged batch.</summary>
public sealed class DeployedPredictions
{
    public required string ProducedBy { get; init; }
    public required double[] Predictions { get; init; }
    public string? ShadowVersion { get; init; }
    public double[]? ShadowPredictions { get; init; }
    /// <summary>The prediction-log batch written, or null when not recorded.</summary>
    public PredictionBatch? Batch { get; init; }
}
