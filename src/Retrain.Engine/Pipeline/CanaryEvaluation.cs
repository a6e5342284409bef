using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// The evidence a canary gate judges (<see cref="CanaryGate"/>): the rows of the equipment the canary serves at its
/// current step, with both models' predictions of them, either scored now from labelled data, or as they were recorded
/// at the time (Invoke-ModelPrediction -Record logs Production's prediction of every row, the canary's of its own)
/// joined to outcomes that arrived since the canary reached that step.
/// </summary>
public static class CanaryEvaluation
{
    /// <summary>Both models score the canary's rows of <paramref name="labelled"/> now (equipment routed as Invoke-ModelPrediction routes it).</summary>
    public static CanaryGateResult FromLabelledData(IRetrainStore store, RetrainOptions options, string modelName, Dataset labelled, string? targetColumn = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var (canary, production, held, next) = Load(store, options, modelName);
        using (canary)
        using (production)
        {
            var (cap, _) = ModelComparison.TargetCap(options, canary);
            string target = targetColumn ?? options.Data.TargetColumn;
            double[] actual = EvaluationLabels.From(labelled, target, cap);
            LabelColumn ids = PredictionKeys.EquipmentIds(labelled, options.Data);
            int percent = held.TrafficPercent ?? 0;
            int[] rows = Enumerable.Range(0, labelled.RowCount).Where(r => CanaryRouting.ServedByCanary(ids[r], percent)).ToArray();
            Dataset served = labelled.Take(rows);
            cancellation.ThrowIfCancellationRequested();
            double[] canaryPredictions = rows.Length == 0 ? [] : canary.Predict(served);
            double[] productionPredictions = rows.Length == 0 ? [] : production.Predict(served);
            return CanaryGate.Evaluate(rows.Select(r => actual[r]).ToArray(), canaryPredictions, productionPredictions, rows.Select(r => ids[r]).ToArray(),
                held, production.Version!.Version, next, options.Deployment,
                $"{rows.Length} of {labelled.RowCount} labelled rows of {labelled.Source} (the canary's equipment at {percent}%), scored by {canary.Uri} and {production.Uri}");
        }
    }

    /// <summary>
    /// Outcomes (<paramref name="outcomes"/>: labelled rows with equipment id and time) joined to the predictions both
    /// models recorded for the canary's rows in one batch since the canary reached its current step.
    /// </summary>
    public static CanaryGateResult FromRecordedOutcomes(IRetrainStore store, RetrainOptions options, string modelName, Dataset outcomes, string? targetColumn = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var (canary, production, held, next) = Load(store, options, modelName);
        using (canary)
        using (production)
        {
            var (cap, _) = ModelComparison.TargetCap(options, canary);
            double[] actual = EvaluationLabels.From(outcomes, targetColumn ?? options.Data.TargetColumn, cap);
            PredictionKey[] keys = PredictionKeys.Of(outcomes, options.Data);
            var entries = store.ReadPredictions(new PredictionQuery { ModelName = modelName, LoggedAfter = held.Since });
            int canaryVersion = canary.Version!.Version, productionVersion = production.Version!.Version;
            JoinedPredictions joined = PredictionJoin.Pair(entries, keys,
                e => e.Role == PredictionRole.Production && e.Version == productionVersion,
                e => e.Role == PredictionRole.Canary && e.Version == canaryVersion);
            cancellation.ThrowIfCancellationRequested();
            int percent = held.TrafficPercent ?? 0;
            return CanaryGate.Evaluate(joined.Rows.Select(r => actual[r]).ToArray(), joined.Challenger, joined.Champion,
                joined.Rows.Select(r => keys[r].EquipmentId).ToArray(), held, productionVersion, next, options.Deployment,
                $"{joined.Rows.Length} of {outcomes.RowCount} outcomes of {outcomes.Source} joined to predictions recorded by {canary.Uri} (canary at {percent}%) " +
                $"and {production.Uri} since {held.Since:yyyy-MM-dd HH:mm:ss} UTC ({joined.Summary.WithoutPrediction} had no recorded prediction, " +
                $"{joined.Summary.NotScoredByBoth} not by both)");
        }
    }

    /// <summary>The canary and Production of <paramref name="modelName"/>, loaded and verified, the canary's role and the step a success moves it to.</summary>
    internal static (ScoredModel Canary, ScoredModel Production, RoleAssignment Held, int Next) Load(IRetrainStore store, RetrainOptions options, string modelName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        StoreNames.ValidateModelName(modelName);
        RoleAssignment held = CanaryChange.Current(store, modelName) ?? throw RegistryRules.NoRole(modelName, DeploymentRole.Canary);
        ModelVersion production = store.GetVersionByStage(modelName, ModelStage.Production)
            ?? throw new RetrainException("CanaryWithoutProduction", RetrainErrorKind.InvalidOperation,
                $"Model '{modelName}' has a canary but no version in Production to judge it against.", held.Uri);
        var canary = ScoredModel.Load(store, held.Uri, options.BaseDirectory);
        try
        {
            return (canary, ScoredModel.Load(store, production.Uri, options.BaseDirectory), held,
                CanaryGate.NextStep(options.Deployment.CanarySteps, held.TrafficPercent ?? 0));
        }
        catch
        {
            canary.Dispose();
            throw;
        }
    }
}
