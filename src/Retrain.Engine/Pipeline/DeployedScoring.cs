using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// What <c>Invoke-ModelPrediction</c> scores: the model asked for and, when that is the Production version of a model
/// with a shadow or a canary, those beside it: the shadow scores every row and serves none; the canary serves the rows
/// of the equipment routed to it (<see cref="CanaryRouting"/>), Production the rest. With recording, every prediction
/// goes to the prediction log in one batch, keyed by the row's equipment id and time (<see cref="PredictionKeys"/>):
/// Production's of every row (also of the canary's rows, which it scores but does not serve: what a canary gate compares
/// against), the shadow's of every row, the canary's of its rows.
/// </summary>
public sealed class DeployedScoring : IDisposable
{
    private DeployedScoring(ScoredModel main, bool isProduction, ScoredModel? shadow, ScoredModel? canary, int canaryPercent)
    {
        Main = main;
        IsProduction = isProduction;
        Shadow = shadow;
        Canary = canary;
        CanaryPercent = canaryPercent;
    }

    public ScoredModel Main { get; }

    /// <summary>The shadow scored beside <see cref="Main"/>; null unless Main is the Production version and a shadow exists.</summary>
    public ScoredModel? Shadow { get; }

    /// <summary>The canary serving its share of the rows; null unless Main is the Production version and a canary exists.</summary>
    public ScoredModel? Canary { get; }

    /// <summary>The canary's share of the rows (its step), 0 without one.</summary>
    public int CanaryPercent { get; }

    /// <summary>Main is the Production version of its model: what serves, and what can be recorded.</summary>
    public bool IsProduction { get; }

    /// <summary>Every column either model reads.</summary>
    public IReadOnlyList<string> RequiredColumns =>
        Main.Predictor.Manifest.RequiredColumns.Concat(Shadow?.Predictor.Manifest.RequiredColumns ?? []).Concat(Canary?.Predictor.Manifest.RequiredColumns ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The unit columns either model groups by (for window features), read as categories.</summary>
    public IReadOnlyList<string> GroupColumns =>
        new[] { Main.Predictor.Manifest.GroupColumn, Shadow?.Predictor.Manifest.GroupColumn, Canary?.Predictor.Manifest.GroupColumn }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Resolves and loads the model (each artifact verified); the shadow and the canary too when the model is the Production version.</summary>
    public static DeployedScoring Load(IRetrainStore store, string uri, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        var loaded = new List<ScoredModel>(3);
        try
        {
            var main = ScoredModel.Load(store, uri, baseDirectory);
            loaded.Add(main);
            ModelVersion? version = main.Version;
            bool production = version is not null && store.GetVersionByStage(version.Name, ModelStage.Production)?.Version == version.Version;
            IReadOnlyList<RoleAssignment> roles = production ? store.GetRoles(version!.Name) : [];
            RoleAssignment? shadowRole = roles.FirstOrDefault(r => r.Role == DeploymentRole.Shadow);
            RoleAssignment? canaryRole = roles.FirstOrDefault(r => r.Role == DeploymentRole.Canary);
            ScoredModel? shadow = shadowRole is null ? null : ScoredModel.Load(store, shadowRole.Uri, baseDirectory);
            if (shadow is not null)
                loaded.Add(shadow);
            ScoredModel? canary = canaryRole is null ? null : ScoredModel.Load(store, canaryRole.Uri, baseDirectory);
            return new DeployedScoring(main, production, shadow, canary, canaryRole?.TrafficPercent ?? 0);
        }
        catch
        {
            foreach (ScoredModel m in loaded)
                m.Dispose();
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
        // The canary's rows: every row of the equipment routed to it, so window features see the same history as Production's would.
        int[]? canaryRows = null;
        if (Canary is not null)
        {
            var ids = PredictionKeys.EquipmentIds(data, options);
            canaryRows = Enumerable.Range(0, data.RowCount).Where(r => CanaryRouting.ServedByCanary(ids[r], CanaryPercent)).ToArray();
        }
        double[] production = Main.Predict(data);
        double[]? shadow = Shadow?.Predict(data);
        double[]? canary = canaryRows is { Length: > 0 } ? Canary!.Predict(data.Take(canaryRows)) : canaryRows is null ? null : [];
        double[] served = production;
        string[]? servedBy = null;
        if (canaryRows is not null)
        {
            served = (double[])production.Clone();
            servedBy = Enumerable.Repeat(Main.Uri, data.RowCount).ToArray();
            for (int i = 0; i < canaryRows.Length; i++)
            {
                served[canaryRows[i]] = canary![i];
                servedBy[canaryRows[i]] = Canary!.Uri;
            }
        }
        PredictionBatch? batch = keys is null ? null : store.AppendPredictions(Main.Version!.Name, Rows(keys, production, shadow, canaryRows, canary));
        return new DeployedPredictions
        {
            ProducedBy = Main.Uri, Predictions = served, ServedBy = servedBy, ProductionPredictions = production,
            ShadowVersion = Shadow?.Uri, ShadowPredictions = shadow, CanaryVersion = Canary?.Uri, CanaryPercent = CanaryPercent, CanaryRows = canaryRows?.Length ?? 0,
            Batch = batch,
        };
    }

    private List<PredictionRow> Rows(PredictionKey[] keys, double[] production, double[]? shadow, int[]? canaryRows, double[]? canary)
    {
        var rows = new List<PredictionRow>(keys.Length * (shadow is null ? 1 : 2) + (canaryRows?.Length ?? 0));
        // A row's predictions side by side: a batch cut short by a crash loses whole rows, rarely part of one.
        int next = 0;
        for (int r = 0; r < keys.Length; r++)
        {
            rows.Add(Row(keys[r], Main.Version!.Version, PredictionRole.Production, production[r]));
            if (shadow is not null)
                rows.Add(Row(keys[r], Shadow!.Version!.Version, PredictionRole.Shadow, shadow[r]));
            if (canaryRows is not null && next < canaryRows.Length && canaryRows[next] == r)
                rows.Add(Row(keys[r], Canary!.Version!.Version, PredictionRole.Canary, canary![next++]));
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
        Canary?.Dispose();
    }
}

/// <summary>The predictions of one scoring call: what served each row (Production's, or the canary's on its rows), the shadow's beside them, and the logged batch.</summary>
public sealed class DeployedPredictions
{
    /// <summary>The model asked for (the Production version when it serves).</summary>
    public required string ProducedBy { get; init; }
    /// <summary>The prediction served for each row: the canary's on the canary's rows, else the model asked for.</summary>
    public required double[] Predictions { get; init; }
    /// <summary>Per row, the version whose prediction was served; null when one model served every row.</summary>
    public string[]? ServedBy { get; init; }
    /// <summary>The model asked for's prediction of every row (served or not).</summary>
    public double[]? ProductionPredictions { get; init; }
    public string? CanaryVersion { get; init; }
    public int CanaryPercent { get; init; }
    /// <summary>Rows served by the canary.</summary>
    public int CanaryRows { get; init; }
    public string? ShadowVersion { get; init; }
    public double[]? ShadowPredictions { get; init; }
    /// <summary>The prediction-log batch written, or null when not recorded.</summary>
    public PredictionBatch? Batch { get; init; }
}
