using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// What <c>Publish-ProductionModel</c> and <c>Undo-ModelDeployment</c> (and later <c>Invoke-Retraining</c>) call: the
/// checks before a change (strategy, rollback allowed, the model verified, loaded and scoring), the one registry change
/// (<see cref="ProductionChange"/>), and a run of the model_deployment experiment recording it (a refused change ends
/// that run Failed with the reason, so attempts are in the tracking history too).
/// </summary>
public static class DeploymentWorkflow
{
    public static DeploymentRecord Publish(IRetrainStore store, RetrainOptions options, ModelUri uri, DeploymentStrategy? strategy = null,
        string? reason = null, int? expectedCurrentVersion = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(uri);
        RequireReason(options, reason, uri.ToString());
        DeploymentStrategy chosen = strategy ?? options.Deployment.Strategy;
        if (chosen != DeploymentStrategy.Direct)
            throw new RetrainException("StrategyNotAvailable", RetrainErrorKind.InvalidOperation,
                $"The {chosen} strategy is not available in this version of Retrain; publish with -Strategy Direct (deployment.strategy: direct).", chosen);
        if (uri.Kind is not (ModelUriKind.ModelVersion or ModelUriKind.ModelStage or ModelUriKind.ModelAlias))
            throw new RetrainException("NotARegisteredModel", RetrainErrorKind.InvalidArgument,
                $"'{uri}' is not a registered version: register it first (Register-ModelVersion), then publish models:/<name>/<version>.", uri.ToString());
        // Before anything changes: the files hash as registered, and the model loads and scores.
        ResolvedModel resolved = ModelResolver.Resolve(uri, store);
        ModelPreflight.Check(resolved);
        ModelVersion version = resolved.Version!;
        return Tracked(store, StoreNames.DerivedRunName("publish ", version.Name, $" v{version.Version}"), version.Name, DeploymentDetails.Publish, chosen,
            () => ProductionChange.Promote(store, version, expectedCurrentVersion, reason));
    }

    public static DeploymentRecord Rollback(IRetrainStore store, RetrainOptions options, string modelName, int? toVersion = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        StoreNames.ValidateModelName(modelName);
        RequireReason(options, reason, $"models:/{modelName}/Production");
        if (!options.Deployment.EnableRollback)
            throw new RetrainException("RollbackDisabled", RetrainErrorKind.InvalidOperation,
                $"Rollback is turned off (deployment.enable_rollback: false); publish the version you want with Publish-ProductionModel instead.",
                $"models:/{modelName}/Production");
        var plan = ProductionChange.PlanRollback(store, modelName, toVersion);
        // The version rolled back to serves at once: it passes the same checks as a publish.
        ModelPreflight.Check(ModelResolver.Resolve(ModelUri.Parse($"models:/{modelName}/{plan.Target.ToString(CultureInfo.InvariantCulture)}"), store));
        return Tracked(store, StoreNames.DerivedRunName("rollback ", modelName), modelName, DeploymentDetails.Rollback, DeploymentStrategy.Direct,
            () => ProductionChange.Rollback(store, modelName, plan, reason));
    }

    private static void RequireReason(RetrainOptions options, string? reason, string target)
    {
        if (options.Deployment.RequireReason && string.IsNullOrWhiteSpace(reason))
            throw new RetrainException("ReasonRequired", RetrainErrorKind.InvalidArgument,
                "This store's configuration requires a reason for every deployment change (deployment.require_reason: true): give -Reason.", target);
    }

    private static DeploymentRecord Tracked(IRetrainStore store, string runName, string modelName, string kind, DeploymentStrategy strategy, Func<DeploymentRecord> change)
    {
        var tags = new Dictionary<string, string> { [RunTags.ModelName] = modelName, [DeploymentDetails.Kind] = kind };
        var (record, run) = TrackedRun.Execute(store, ExperimentNames.ModelDeployment, runName, tags, run =>
        {
            DeploymentRecord done = change();
            run.Params(new Dictionary<string, string>
            {
                ["strategy"] = strategy.ToString(),
                ["deployed_version"] = done.ModelVersion.ToString(CultureInfo.InvariantCulture),
                ["previous_version"] = done.PreviousVersion?.ToString(CultureInfo.InvariantCulture) ?? "none",
                ["status"] = done.DeploymentStatus.ToString(),
            });
            return done;
        });
        record.RunId = run.RunId;
        return record;
    }
}
