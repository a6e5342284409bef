using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Pipeline;

/// <summary>
/// What <c>Publish-ProductionModel</c>, <c>Undo-ModelDeployment</c>, <c>Approve-ModelDeployment</c> and
/// <c>Deny-ModelDeployment</c> (and later <c>Invoke-Retraining</c>, which asks for approval) call: the
/// checks before a change (strategy, rollback allowed, the model verified, loaded and scoring), the one registry change
/// (<see cref="ProductionChange"/>, <see cref="ShadowChange"/> for a shadow, <see cref="CanaryChange"/> for a canary), and a run of the model_deployment experiment recording it (a refused change ends
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
        ModelVersion version = Preflight(store, options, uri, strategy, out DeploymentStrategy chosen, rolesAllowed: true);
        string verb = chosen switch { DeploymentStrategy.Shadow => "shadow ", DeploymentStrategy.Canary => "canary ", _ => "publish " };
        return Tracked(store, StoreNames.DerivedRunName(verb, version.Name, $" v{version.Version}"), version.Name, DeploymentDetails.Publish, chosen, chosen switch
        {
            DeploymentStrategy.Shadow => () => ShadowChange.Start(store, version, expectedCurrentVersion, reason),
            DeploymentStrategy.Canary => () => CanaryChange.Start(store, version, options.Deployment.CanarySteps[0], expectedCurrentVersion, reason),
            _ => () => ProductionChange.Promote(store, version, expectedCurrentVersion, reason),
        });
    }

    /// <summary>
    /// Step-ModelDeployment: acts on a canary gate (<see cref="CanaryEvaluation"/> judges it, from labelled data or
    /// recorded outcomes): Successful moves the canary to the next step of deployment.canary_steps or, at 100, promotes
    /// it (Deployed); Failed aborts it (CanaryAborted, Production untouched); Inconclusive changes nothing (CanaryHeld,
    /// saying what is missing). With <paramref name="gate"/> null the canary is promoted at once (Argo's promote --full).
    /// Every change is made against the canary step and the Production version the gate judged, so a canary aborted,
    /// replaced or moved on meanwhile is not moved (RoleMoved), nor one whose Production changed (ProductionMoved).
    /// </summary>
    public static DeploymentRecord StepCanary(IRetrainStore store, RetrainOptions options, string modelName, CanaryGateResult? gate, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        StoreNames.ValidateModelName(modelName);
        RequireReason(options, reason, $"models:/{modelName}@canary");
        RoleAssignment held = CanaryChange.Current(store, modelName) ?? throw RegistryRules.NoRole(modelName, DeploymentRole.Canary);
        int production = gate?.ProductionVersion ?? store.GetVersionByStage(modelName, ModelStage.Production)?.Version
            ?? throw new RetrainException("CanaryWithoutProduction", RetrainErrorKind.InvalidOperation,
                $"Model '{modelName}' has a canary but no version in Production.", held.Uri);
        if (gate is not null && (gate.ModelName != modelName || gate.RoleSequence != held.Sequence))
            throw new RetrainException("GateOutdated", RetrainErrorKind.InvalidOperation,
                $"The gate judged {gate.CanaryUri} at {gate.TrafficPercent}% (event {gate.RoleSequence}), but the canary of '{modelName}' is now {held.Uri} at " +
                $"{held.TrafficPercent}% (event {held.Sequence}): judge it again.", held.Uri);
        // The version that serves next passes the same checks as a publish (its files may have changed since it started).
        ModelVersion canary = Preflight(store, options, ModelUri.Parse(held.Uri), DeploymentStrategy.Canary, out _, rolesAllowed: true);
        int next = gate is null ? 100 : CanaryGate.NextStep(options.Deployment.CanarySteps, held.TrafficPercent ?? 0);
        string name = StoreNames.DerivedRunName(gate is null ? "promote canary " : "canary gate ", modelName, $" v{held.Version}");
        string kind = gate?.Outcome == CanaryGateOutcome.Failed ? DeploymentDetails.CanaryAborted : next >= 100 ? DeploymentDetails.Publish : DeploymentDetails.CanaryStep;
        return Tracked(store, name, modelName, kind, DeploymentStrategy.Canary, () => gate?.Outcome switch
        {
            CanaryGateOutcome.Failed => CanaryChange.Abort(store, modelName, held, gate, reason ?? $"canary gate failed: {gate.Message}"),
            CanaryGateOutcome.Inconclusive => Held(canary, held, production, gate, reason),
            _ => CanaryChange.Advance(store, canary, held, production, next, gate, reason),
        }, gate);
    }

    /// <summary>Ends the canary of <paramref name="modelName"/> by hand: its version keeps its stage and serves no more; Production is untouched.</summary>
    public static DeploymentRecord AbortCanary(IRetrainStore store, RetrainOptions options, string modelName, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        StoreNames.ValidateModelName(modelName);
        RequireReason(options, reason, $"models:/{modelName}@canary");
        return Tracked(store, StoreNames.DerivedRunName("abort canary ", modelName), modelName, DeploymentDetails.CanaryAborted, DeploymentStrategy.Canary,
            () => CanaryChange.Abort(store, modelName, null, null, reason));
    }

    /// <summary>An inconclusive gate changes nothing in the registry; the record (and the run) say what is missing.</summary>
    private static DeploymentRecord Held(ModelVersion canary, RoleAssignment held, int production, CanaryGateResult gate, string? reason)
    {
        var (timestamp, user, machine) = RegistryRules.Stamp();
        return new DeploymentRecord
        {
            ModelName = canary.Name, ModelVersion = canary.Version, PreviousVersion = production, Strategy = DeploymentStrategy.Canary,
            DeploymentStatus = DeploymentStatus.CanaryHeld, TrafficPercent = held.TrafficPercent ?? 0, Timestamp = timestamp, User = user, Machine = machine,
            Reason = reason, Gate = gate,
        };
    }

    /// <summary>Ends the shadow of <paramref name="modelName"/>: its version keeps its stage and scores no more; Production is untouched.</summary>
    public static DeploymentRecord EndShadow(IRetrainStore store, RetrainOptions options, string modelName, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        StoreNames.ValidateModelName(modelName);
        RequireReason(options, reason, $"models:/{modelName}@shadow");
        return Tracked(store, StoreNames.DerivedRunName("end shadow ", modelName), modelName, DeploymentDetails.EndRole, DeploymentStrategy.Shadow,
            () => ShadowChange.End(store, modelName, reason));
    }

    /// <summary>
    /// What the pipeline does instead of publishing when pipeline.require_approval is true: the same checks as a
    /// publish, then the candidate waits in Staging for Approve-ModelDeployment until deployment.approval_expiry_days
    /// have passed (<see cref="Approval.Request"/>). <paramref name="expectedCurrentVersion"/> is the champion it was
    /// compared against: the request, and later its approval, go through only while that one is in Production.
    /// </summary>
    public static DeploymentRecord RequestApproval(IRetrainStore store, RetrainOptions options, ModelUri uri, string? reason = null, int? expectedCurrentVersion = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ModelVersion version = Preflight(store, options, uri, null, out DeploymentStrategy chosen);
        return Tracked(store, StoreNames.DerivedRunName("request approval ", version.Name, $" v{version.Version}"), version.Name, DeploymentDetails.ApprovalRequested, chosen,
            () => Approval.Request(store, version, expectedCurrentVersion, reason, TimeSpan.FromDays(options.Deployment.ApprovalExpiryDays)));
    }

    /// <summary>
    /// Publishes a version that waits for approval (refused unless its request is open and not expired), after the same
    /// checks as a publish: its files may have changed while it waited. The record's User is the approver.
    /// </summary>
    public static DeploymentRecord Approve(IRetrainStore store, RetrainOptions options, string modelName, int version, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        PendingDeployment request = Approval.RequireOpen(store, modelName, version, DateTimeOffset.UtcNow, allowExpired: false);
        ModelVersion checkedVersion = Preflight(store, options, ModelUri.Parse(request.ModelUri), request.Strategy, out DeploymentStrategy chosen);
        return Tracked(store, StoreNames.DerivedRunName("approve ", modelName, $" v{version}"), modelName, DeploymentDetails.Approved, chosen,
            () => Approval.Approve(store, checkedVersion, request, reason));
    }

    /// <summary>Refuses a version that waits for approval (an expired request too, which closes it); the reason is required.</summary>
    public static DeploymentRecord Deny(IRetrainStore store, RetrainOptions options, string modelName, int version, string reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(reason))
            throw new RetrainException("ReasonRequired", RetrainErrorKind.InvalidArgument,
                $"Denying models:/{modelName}/{version} needs a reason: say why, for whoever proposed it (-Reason).", $"models:/{modelName}/{version}");
        PendingDeployment request = Approval.RequireOpen(store, modelName, version, DateTimeOffset.UtcNow, allowExpired: true);
        return Tracked(store, StoreNames.DerivedRunName("deny ", modelName, $" v{version}"), modelName, DeploymentDetails.Denied, request.Strategy,
            () => Approval.Deny(store, request, reason));
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

    /// <summary>
    /// Before a version may serve: a strategy this Retrain has for the change (Shadow and Canary only for a publish: an
    /// approval publishes Direct, so a request made under deployment.strategy: shadow would change meaning when
    /// approved), a registered version, its files verified and the model loading and scoring.
    /// </summary>
    private static ModelVersion Preflight(IRetrainStore store, RetrainOptions options, ModelUri uri, DeploymentStrategy? strategy, out DeploymentStrategy chosen,
        bool rolesAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(uri);
        chosen = strategy ?? options.Deployment.Strategy;
        if (chosen != DeploymentStrategy.Direct && !rolesAllowed)
            throw new RetrainException("StrategyNotAvailable", RetrainErrorKind.InvalidOperation,
                $"The {chosen} strategy is not available for approvals in this version of Retrain; approvals publish Direct (deployment.strategy: direct).", chosen);
        if (uri.Kind is not (ModelUriKind.ModelVersion or ModelUriKind.ModelStage or ModelUriKind.ModelAlias))
            throw new RetrainException("NotARegisteredModel", RetrainErrorKind.InvalidArgument,
                $"'{uri}' is not a registered version: register it first (Register-ModelVersion), then publish models:/<name>/<version>.", uri.ToString());
        // Before anything changes: the files hash as registered, and the model loads and scores.
        ResolvedModel resolved = ModelResolver.Resolve(uri, store);
        ModelPreflight.Check(resolved);
        return resolved.Version!;
    }

    private static DeploymentRecord Tracked(IRetrainStore store, string runName, string modelName, string kind, DeploymentStrategy strategy, Func<DeploymentRecord> change,
        CanaryGateResult? gate = null)
    {
        var tags = new Dictionary<string, string> { [RunTags.ModelName] = modelName, [DeploymentDetails.Kind] = kind };
        var (record, run) = TrackedRun.Execute(store, ExperimentNames.ModelDeployment, runName, tags, run =>
        {
            DeploymentRecord done = change();
            run.Params(new Dictionary<string, string>
            {
                ["strategy"] = strategy.ToString(),
                [done.DeploymentStatus is DeploymentStatus.PendingApproval or DeploymentStatus.Denied ? "version" : "deployed_version"] =
                    done.ModelVersion.ToString(CultureInfo.InvariantCulture),
                ["previous_version"] = done.PreviousVersion?.ToString(CultureInfo.InvariantCulture) ?? "none",
                ["status"] = done.DeploymentStatus.ToString(),
                ["traffic_percent"] = done.TrafficPercent.ToString(CultureInfo.InvariantCulture),
            });
            if (gate is not null)
            {
                run.Params(new Dictionary<string, string> { ["gate_outcome"] = gate.Outcome.ToString(), ["gate_basis"] = gate.Basis });
                var metrics = new Dictionary<string, double> { ["gate_rows"] = gate.Rows, ["gate_units"] = gate.Units };
                if (gate.CanaryMae is double c)
                    metrics["gate_canary_mae"] = c;
                if (gate.ProductionMae is double p)
                    metrics["gate_production_mae"] = p;
                if (gate.RegressionPct is double r && double.IsFinite(r))
                    metrics["gate_regression_pct"] = r;
                run.Metrics(metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, DateTimeOffset.UtcNow)));
            }
            return done;
        });
        record.RunId = run.RunId;
        return record;
    }
}
