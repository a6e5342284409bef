using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// <c>Compare-Model -Shadow</c>: outcomes that arrived after the predictions (labelled rows with equipment id and time)
/// joined to the prediction log, and Production against its shadow on exactly the rows both scored in one batch, with
/// the same decision, report and logging as a comparison on test data (<see cref="ModelComparison"/>). Nothing is
/// scored again: the predictions compared are the ones made and logged at the time.
/// </summary>
public static class ShadowComparison
{
    /// <summary>
    /// Compares the Production version and the shadow (by default those of <paramref name="modelName"/>, else
    /// deployment.model_name, now; either may be named, as models:/name/version) on <paramref name="outcomes"/> (labelled rows: the equipment id from
    /// data.group_column, the time from the timestamp column, else the cycle, and the target), optionally only on
    /// predictions logged in [<paramref name="loggedAfter"/>, <paramref name="loggedBefore"/>). No outcome joined is
    /// NoJoinedOutcomes, saying what the log holds; the report's ShadowJoin counts what joined and what did not.
    /// </summary>
    public static ComparisonReport Compare(IRetrainStore store, RetrainOptions options, Dataset outcomes, string? modelName = null, string? championUri = null,
        string? challengerUri = null, string? targetColumn = null, DateTimeOffset? loggedAfter = null, DateTimeOffset? loggedBefore = null,
        IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default, bool log = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outcomes);
        const string activity = "Comparing Production and its shadow on logged predictions";
        string target = targetColumn ?? options.Data.TargetColumn;
        string name = modelName ?? ModelOf(championUri) ?? ModelOf(challengerUri) ?? options.Deployment.ModelName;
        StoreNames.ValidateModelName(name);

        progress?.Report(new EngineProgress(activity, "Loading both versions", 5));
        using var champion = Registered(store, options, championUri ?? $"models:/{name}/Production", name, "Production version");
        using var challenger = Registered(store, options, challengerUri
            ?? (ShadowChange.Current(store, name) ?? throw RegistryRules.NoRole(name, DeploymentRole.Shadow)).Uri, name, "shadow");
        var (cap, capSource) = ModelComparison.TargetCap(options, challenger);
        // The labels and keys first: a bad outcome file fails before the log is read.
        double[] actual = EvaluationLabels.From(outcomes, target, cap);
        PredictionKey[] keys = PredictionKeys.Of(outcomes, options.Data);

        progress?.Report(new EngineProgress(activity, $"Joining {outcomes.RowCount} outcomes to the prediction log", 20));
        var entries = store.ReadPredictions(new PredictionQuery { ModelName = name, LoggedAfter = loggedAfter, LoggedBefore = loggedBefore });
        int championVersion = champion.Version!.Version, challengerVersion = challenger.Version!.Version;
        JoinedPredictions joined = PredictionJoin.Pair(entries, keys,
            e => e.Role == PredictionRole.Production && e.Version == championVersion,
            e => e.Role == PredictionRole.Shadow && e.Version == challengerVersion);
        cancellation.ThrowIfCancellationRequested();
        if (joined.Rows.Length == 0)
            throw NothingJoined(outcomes, champion, challenger, joined.Summary, entries, keys);

        Dataset rows = outcomes.Take(joined.Rows);
        double[] joinedActual = joined.Rows.Select(r => actual[r]).ToArray();
        return ModelComparison.Decide(store, options, new ModelComparison.Scored(champion, joined.Champion, challenger, joined.Challenger), rows, joinedActual,
            (cap, capSource, target), progress, cancellation, log, joined.Summary);
    }

    private static string? ModelOf(string? uri) => uri is null ? null : ModelUri.Parse(uri).ModelName;

    /// <summary>A registered version of the model: only those are logged.</summary>
    private static ScoredModel Registered(IRetrainStore store, RetrainOptions options, string uri, string name, string what)
    {
        var parsed = ModelUri.Parse(uri);
        if (parsed.Kind is not (ModelUriKind.ModelVersion or ModelUriKind.ModelStage or ModelUriKind.ModelAlias) || parsed.ModelName != name)
            throw new RetrainException("NotALoggedVersion", RetrainErrorKind.InvalidArgument,
                $"'{uri}' cannot be the {what}: predictions are logged for registered versions of one model, so give models:/{name}/<version>.", uri);
        return ScoredModel.Load(store, uri, options.BaseDirectory);
    }

    /// <summary>No outcome met both versions' predictions: say what the log holds, so the user sees which side is off.</summary>
    private static RetrainException NothingJoined(Dataset outcomes, ScoredModel champion, ScoredModel challenger, PredictionJoinSummary summary,
        IReadOnlyList<PredictionEntry> entries, PredictionKey[] keys)
    {
        string logged = entries.Count == 0
            ? $"the prediction log holds no prediction of model '{champion.Version!.Name}' (record them with Invoke-ModelPrediction -Record, or deployment.record_predictions: true)"
            : $"the log holds {entries.Count} predictions, keyed by {KeyedBy(entries[0].Timestamp is not null)}, of versions " +
              string.Join(", ", entries.Select(e => $"{e.Version} ({e.Role.ToString().ToLowerInvariant()})").Distinct()) +
              $"; the outcomes are keyed by {KeyedBy(keys.Length > 0 && keys[0].Timestamp is not null)}";
        return new RetrainException("NoJoinedOutcomes", RetrainErrorKind.InvalidData,
            $"{outcomes.Source}: none of the {summary.OutcomeRows} outcomes has a logged prediction of both {champion.Uri} (production) and {challenger.Uri} (shadow) " +
            $"in one batch ({summary.WithoutPrediction} had no logged prediction, {summary.NotScoredByBoth} were not scored by both): {logged}.",
            outcomes.Source);
    }

    private static string KeyedBy(bool timestamp) => timestamp ? "equipment id and timestamp" : "equipment id and cycle";
}
