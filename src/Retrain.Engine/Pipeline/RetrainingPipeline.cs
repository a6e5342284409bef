using Retrain.Engine.Alerts;
using System.Diagnostics;
using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Pipeline;

/// <summary>What one retraining run is asked to do.</summary>
public sealed class RetrainingRequest
{
    public RetrainingTrigger Trigger { get; init; } = RetrainingTrigger.Scheduled;
    /// <summary>A person's reason (Manual): recorded in the run, the new version's description and the deployment.</summary>
    public string? Reason { get; init; }
    /// <summary>A file-system path overriding data.path (a file or a folder).</summary>
    public string? DataPath { get; init; }
    /// <summary>The drift check that triggers the run (Trigger DriftReport): its verdict and the end of its current window.</summary>
    public DriftReport? DriftReport { get; init; }
    /// <summary>The store is a temporary copy (-WhatIf): the result says so.</summary>
    public bool WhatIf { get; init; }
    /// <summary>Where the run's events go; null: the alerts configured in alerts.* (<see cref="AlertingEventSink"/>).</summary>
    public IPipelineEventSink? Events { get; init; }
}

/// <summary>
/// Invoke-Retraining's orchestration: one run of the retraining_pipeline experiment, under the model's lease, whose
/// steps call exactly what the other cmdlets call (DriftCheck, TrainingWorkflow, ModelComparison, DeploymentWorkflow),
/// each logging its own run as a child of this one (<see cref="TrackedRun.ChildrenOf"/>):
/// <list type="number">
/// <item>lease (<see cref="IPipelineLeases"/>): taken without waiting; held elsewhere → Skipped;</item>
/// <item>load data.path (<see cref="PipelineData"/>), up to the end of a piped drift report's current window;</item>
/// <item>scheduled runs: the automatic rollback check (<see cref="AutomaticRollback"/>) → RolledBack ends the run;</item>
/// <item>drift check against the Production version (DriftCheck: current = window_size_days, reference the
/// training_window_days before it), then hysteresis and cooldown (<see cref="RetrainingGuards"/>) → NoDrift ends it;</item>
/// <item>train and register a challenger on the last training_window_days (experiment automated_retraining);</item>
/// <item>compare with the champion on the fair split (<see cref="FairTestSplit"/>);</item>
/// <item>deploy, request approval or leave it registered, passing the champion as the expected current version.</item>
/// </list>
/// The status is decided by <see cref="RetrainingDecision"/> alone. A step that throws ends the run Failed (the error on
/// the run, the event sent); what the registry holds is unchanged but for a version registered before the failure.
/// </summary>
public static class RetrainingPipeline
{
    public const string Activity = "Invoke-Retraining";

    public static RetrainingResult Run(IRetrainStore store, RetrainOptions options, RetrainingRequest request,
        IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default) => Run(store, options, request, out _, progress, cancellation);

    /// <summary>As <see cref="Run(IRetrainStore, RetrainOptions, RetrainingRequest, IProgress{EngineProgress}?, CancellationToken)"/>, with the error of a Failed run.</summary>
    public static RetrainingResult Run(IRetrainStore store, RetrainOptions options, RetrainingRequest request, out Exception? error,
        IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        error = null;
        string model = options.Deployment.ModelName;
        if (request.Trigger == RetrainingTrigger.Manual && string.IsNullOrWhiteSpace(request.Reason))
            throw new RetrainException("ReasonRequired", RetrainErrorKind.InvalidArgument, "A manual retraining needs a reason (-Reason): it is recorded with the run and the new version.", "Reason");
        if (store is not IPipelineLeases leases)
            throw new RetrainException("PipelineLeaseUnavailable", RetrainErrorKind.InvalidOperation,
                $"The store '{store.Location}' cannot hold a pipeline lease, so two runs of '{model}' could overlap; use a store that can (file:<folder>).", store.Location);
        var run = new PipelineRun(store, options, request, progress, cancellation);
        progress?.Report(new EngineProgress(Activity, $"Taking the lease of '{model}'", 0));
        IDisposable? lease = leases.TryAcquirePipelineLease(model, out PipelineLeaseHolder? holder);
        if (lease is null)
            return run.Skipped(holder ?? new PipelineLeaseHolder());
        using (lease)
        {
            RetrainingResult result = run.Execute();
            error = run.Error;
            return result;
        }
    }

    /// <summary>The state of one run while its steps execute.</summary>
    private sealed class PipelineRun(IRetrainStore store, RetrainOptions options, RetrainingRequest request, IProgress<EngineProgress>? progress, CancellationToken cancellation)
    {
        private readonly string _model = options.Deployment.ModelName;
        private readonly IPipelineEventSink _events = request.Events ?? new AlertingEventSink(options.Alerts, options.BaseDirectory);
        private readonly StepDurations _durations = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private RetrainingFacts _facts = new()
        {
            Trigger = request.Trigger,
            AutoDeploy = options.Pipeline.AutoDeploy,
            RequireApproval = options.Pipeline.RequireApproval,
        };
        private string _step = "start";
        private string? _runId;
        private ModelVersion? _champion;
        private DriftReport? _drift;
        private TrainingOutcome? _training;
        private ComparisonReport? _comparison;
        private DeploymentRecord? _deployment;
        private DeploymentRecord? _canary;
        private DateTimeOffset? _dataEnd;
        private Dataset? _data;
        private RetrainingGuards.Hysteresis? _hysteresis;
        private string? _eventError;

        public Exception? Error { get; private set; }

        private string? Manual => request.Trigger == RetrainingTrigger.Manual ? request.Reason : null;

        public RetrainingResult Skipped(PipelineLeaseHolder holder)
        {
            var facts = _facts with { LeaseHeldElsewhere = true };
            string reason = $"Another run of '{_model}' holds its lease: {holder}. This run did nothing (it never waits for one).";
            var (_, run) = TrackedRun.Execute(store, ExperimentNames.RetrainingPipeline, RunName(), Tags(), r =>
            {
                r.Tags(new Dictionary<string, string> { [PipelineRunKeys.Status] = nameof(RetrainingStatus.Skipped) });
                r.Params(new Dictionary<string, string> { [PipelineRunKeys.Reason] = reason });
                return true;
            });
            return Result(RetrainingDecision.Decide(facts)!.Value, reason, run.RunId, holder);
        }

        public RetrainingResult Execute()
        {
            try
            {
                var (result, _) = TrackedRun.Execute(store, ExperimentNames.RetrainingPipeline, RunName(), Tags(), run =>
                {
                    _runId = run.RunId;
                    RetrainingResult result;
                    using (TrackedRun.ChildrenOf(run.RunId))
                        result = Steps();
                    _durations.Total = Seconds(_clock);
                    Record(run, result);
                    return result;
                });
                return result;
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                Error = e;
                return Failed(e);
            }
        }

        private RetrainingResult Steps()
        {
            _champion = Production();
            _facts = _facts with { NoProduction = _champion is null };
            Dataset data = Time((d, s) => d.LoadData = s, "Loading data", 5, LoadData);
            _data = data;

            if (request.Trigger != RetrainingTrigger.Manual && _champion is not null)
            {
                var assessment = Time((d, s) => d.RollbackCheck = s, "Checking the Production version since its deployment", 15,
                    () => AutomaticRollback.Assess(store, options, _champion, data, DateTimeOffset.UtcNow, progress));
                Say($"Rollback check: {assessment.Explanation}.");
                if (assessment.Regressed && !options.Deployment.EnableRollback)
                    Warn($"v{assessment.Version} regressed ({assessment.Explanation}), but deployment.enable_rollback is false: it stays in Production.");
                else if (assessment.Regressed)
                    return RolledBack(assessment);
            }

            // A canary started by an earlier run (deployment.strategy: canary) is judged on the labelled rows of the current
            // window, exactly as Step-ModelDeployment judges it; a promotion makes it the champion the rest of the run compares with.
            if (request.Trigger == RetrainingTrigger.Scheduled && _champion is not null && CanaryChange.Current(store, _model) is not null)
            {
                Dataset window = TrainingWorkflow.TrainingWindow(data, options.DriftDetection.WindowSizeDays);
                _canary = Time((d, s) => d.CanaryGate = s, "Judging the canary", 20, () => DeploymentWorkflow.StepCanary(store, options, _model,
                    CanaryEvaluation.FromLabelledData(store, options, _model, window, cancellation: cancellation),
                    $"Invoke-Retraining run {_runId}: the scheduled canary gate"));
                Say($"Canary gate: {_canary.Gate?.Message}");
                if (_canary.DeploymentStatus == DeploymentStatus.CanaryHeld)
                    Warn($"Canary gate inconclusive: {_canary.Gate?.Message}");
                if (_canary.DeploymentStatus == DeploymentStatus.Deployed)
                {
                    Emit(AlertEvent.Deployed, $"{_canary.ModelUri} promoted from canary to Production by its gate; it replaced v{_canary.PreviousVersion}.",
                        deployment: _canary);
                    _champion = Production();
                }
            }

            if (request.Trigger == RetrainingTrigger.Scheduled)
                _drift = Time((d, s) => d.DriftCheck = s, "Checking drift against the Production version", 25,
                    () => DriftCheck.Run(store, options, new DriftCheckRequest { Reference = data, Current = data, AsOf = _dataEnd }, progress, cancellation));
            else if (request.Trigger == RetrainingTrigger.DriftReport)
                _drift = request.DriftReport;

            string why;
            if (_drift is not null)
            {
                _facts = _facts with { DriftDetected = _drift.DriftDetected };
                if (_drift.DriftDetected)
                    Emit(AlertEvent.DriftDetected, $"Drift in {_model}'s data ({_drift.DriftType}): {_drift.Recommendation}");
                _hysteresis = RetrainingGuards.CheckHysteresis(store, options, _model, _drift);
                _facts = _facts with { HysteresisMet = _hysteresis.Met };
                why = _drift.DriftDetected ? $"drift ({_drift.DriftType}, score {_drift.DriftScore:0.###}; {_hysteresis.Explanation})" : "no drift";
            }
            else
                why = "";
            var cooldown = RetrainingGuards.CheckCooldown(store, options, _model, DateTimeOffset.UtcNow);
            _facts = _facts with { InCooldown = cooldown.Active };
            cancellation.ThrowIfCancellationRequested();

            if (RetrainingDecision.Decide(_facts) is RetrainingStatus.NoDrift)
                return Result(RetrainingStatus.NoDrift, NoDriftReason(cooldown), _runId);
            why = Manual is { } manual
                ? $"a manual request ('{manual}'; drift, drift_detection.consecutive_windows and pipeline.cooldown_days do not apply to it{(cooldown.Active ? $", so it overrides the cooldown: {cooldown.Explanation}" : "")})"
                : _facts.NoProduction ? "the model has no Production version yet" : why;

            _training = Time((d, s) => d.Training = s, "Training a challenger", 40, () => TrainingWorkflow.TrainAndRegister(store, options, data, _model,
                description: $"Retrained by Invoke-Retraining (run {_runId}): {why}.", progress: progress, cancellation: cancellation));
            string candidate = _training.Version.Uri;

            _comparison = Time((d, s) => d.Comparison = s, "Comparing with the champion", 70, Compare);
            _facts = _facts with { ShouldPromote = _comparison.ShouldPromote };
            RetrainingStatus status = RetrainingDecision.Decide(_facts)!.Value;
            Emit(AlertEvent.Retrained, $"{candidate} trained ({why}); {_comparison.Recommendation}");

            string deploymentReason = $"Invoke-Retraining run {_runId}: {why}; {_comparison.Winner} won the comparison " +
                $"({_comparison.PrimaryMetric} improvement {_comparison.ImprovementPct:0.#}%, p = {_comparison.PValue:0.####}).";
            int expected = _champion?.Version ?? 0;
            switch (status)
            {
                case RetrainingStatus.Deployed:
                    _deployment = Time((d, s) => d.Deployment = s, "Deploying the challenger", 90,
                        () => DeploymentWorkflow.Publish(store, options, ModelUri.Parse(candidate), FirstOrConfigured(), deploymentReason, expectedCurrentVersion: expected));
                    Emit(AlertEvent.Deployed, $"{candidate} deployed ({_deployment.DeploymentStatus}, {_deployment.Strategy}); it replaced {Champion()}.");
                    break;
                case RetrainingStatus.PendingApproval:
                    _deployment = Time((d, s) => d.Deployment = s, "Requesting approval", 90,
                        () => DeploymentWorkflow.RequestApproval(store, options, ModelUri.Parse(candidate), deploymentReason, expected));
                    Emit(AlertEvent.PendingApproval, $"{candidate} waits for approval until {_deployment.ExpiresAt:u} (Approve-ModelDeployment {_model} {_training.Version.Version}).");
                    break;
            }
            return Result(status, Explain(status, why), _runId);
        }

        /// <summary>A model's first version is published Direct whatever deployment.strategy says: a shadow or canary needs a Production version beside it.</summary>
        private DeploymentStrategy? FirstOrConfigured() => _champion is null ? DeploymentStrategy.Direct : null;

        private ModelVersion? Production() =>
            store.ListModels().Any(m => m.Name == _model) ? store.GetVersionByStage(_model, ModelStage.Production) : null;

        private Dataset LoadData()
        {
            string path = PipelineData.Locate(options, request.DataPath);
            var baseOptions = new DatasetReadOptions
            {
                TimestampColumn = options.Data.TimestampColumn,
                Delimiter = options.Data.Delimiter,
                MaxRows = options.Data.MaxRows,
                MaxBytes = options.Data.MaxBytes,
                Cancellation = cancellation,
            };
            var plan = FeatureSelection.ReadPlan(baseOptions, options.Data, options.Data.TargetColumn, null, null, [options.ModelComparison.SegmentColumn], readAll: true);
            Dataset data = PipelineData.Load(options, path, plan);
            if (request.DriftReport?.CurrentWindowEnd is { } end && data.Timestamps is { } stamps)
            {
                // The piped report's windows: nothing after its current window is trained on or compared.
                data = data.Where(r => stamps[r] <= end);
                _dataEnd = end;
            }
            if (data.RowCount == 0 || data.Timestamps is not { Length: > 0 } ts)
                throw new DataException("NoRows", RetrainErrorKind.InvalidData, $"{path}: no rows to retrain on{(request.DriftReport is null ? "" : " up to the drift report's current window")}.", path, null);
            _dataEnd ??= ts.Max();
            Say($"Data: {data.RowCount} rows from {path}, up to {TimestampParser.Format(_dataEnd.Value)}.");
            return data;
        }

        private ComparisonReport Compare()
        {
            // The rows the challenger was trained on, as TrainingWorkflow cut them: its test_units are engines of these rows.
            Dataset window = TrainingWorkflow.TrainingWindow(_data!, options.Pipeline.TrainingWindowDays);
            Training.ModelManifest? championManifest = null;
            if (_champion is not null)
            {
                using var champion = ScoredModel.Load(store, _champion.Uri, options.BaseDirectory);
                championManifest = champion.Predictor.Manifest;
            }
            var split = FairTestSplit.Of(window, _training!.Model.Manifest, _training.Model.TestRows, championManifest);
            Say($"Comparison rows: {split.Explanation}.");
            return ModelComparison.Compare(store, options, _training.Version.Uri, _champion?.Uri, split.Rows, null, progress, cancellation);
        }


        private RetrainingResult RolledBack(AutomaticRollback.Assessment assessment)
        {
            _facts = _facts with { RolledBack = true };
            _deployment = Time((d, s) => d.Deployment = s, "Rolling back", 90, () => AutomaticRollback.Rollback(store, options, _model, assessment));
            string reason = $"v{assessment.Version} regressed since its deployment: {assessment.Explanation}. Rolled back to v{_deployment.ModelVersion}; the run ends here.";
            Emit(AlertEvent.RolledBack, reason, _deployment.ModelVersion, new Dictionary<string, double>
            {
                ["regression_pct"] = assessment.RegressionPct ?? double.NaN,
                ["rows"] = assessment.Rows,
            });
            return Result(RetrainingDecision.Decide(_facts)!.Value, reason, _runId);
        }

        private string NoDriftReason(RetrainingGuards.Cooldown cooldown)
        {
            if (_drift is null)
                return "No drift report.";
            if (!_drift.DriftDetected)
                return $"No drift: {_drift.Recommendation}";
            if (!_facts.HysteresisMet)
                return $"Drift found, but not retrained yet: {_hysteresis!.Explanation}.";
            return $"Drift found, but not retrained: {cooldown.Explanation}. A manual run (-Reason) overrides the cooldown.";
        }

        private string Explain(RetrainingStatus status, string why)
        {
            string candidate = _training!.Version.Uri;
            string verdict = _comparison!.Recommendation;
            return status switch
            {
                RetrainingStatus.NotPromoted => $"Retrained on {why}: {candidate} is registered but not promoted. {verdict}",
                RetrainingStatus.Retrained => $"Retrained on {why}: {candidate} beat {Champion()} and is registered, not deployed " +
                    "(pipeline.auto_deploy and pipeline.require_approval are false): publish it with Publish-ProductionModel. " + verdict,
                RetrainingStatus.PendingApproval => $"Retrained on {why}: {candidate} beat {Champion()} and waits for approval (pipeline.require_approval): " +
                    $"Approve-ModelDeployment {_model} {_training.Version.Version}, or Deny-ModelDeployment. " + verdict,
                RetrainingStatus.Deployed => $"Retrained on {why}: {candidate} beat {Champion()} and was deployed ({_deployment!.Strategy}, {_deployment.DeploymentStatus}). " + verdict,
                _ => verdict,
            };
        }

        private string Champion() => _champion is null ? "no Production version" : $"the champion v{_champion.Version}";

        private RetrainingResult Failed(Exception e)
        {
            while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
                e = aggregate.InnerExceptions[0];
            _durations.Total = Seconds(_clock);
            string registered = _training is null ? "" : _deployment is null
                ? $" {_training.Version.Uri} was registered before the failure: it stays registered and this run never deploys it."
                : "";
            string reason = $"The {_step} step failed: {e.Message}{registered} Nothing was deployed by this run{(_deployment is null ? "" : " after the deployment shown")}.";
            if (_runId is not null)
            {
                try
                {
                    var tags = new Dictionary<string, string> { [PipelineRunKeys.Status] = nameof(RetrainingStatus.Failed), [PipelineRunKeys.FailedStep] = _step };
                    if (_training is not null)
                        tags[PipelineRunKeys.NewModelUri] = _training.Version.Uri;
                    store.SetRunTags(_runId, tags);
                }
                catch (RetrainException)
                {
                }
                catch (IOException)
                {
                }
            }
            // Sent before the result is made, so a failed delivery is in its Reason too (the run has ended by now).
            Emit(AlertEvent.Failed, reason, error: e.Message);
            return Result(RetrainingStatus.Failed, reason, _runId, failure: e);
        }

        private RetrainingResult Result(RetrainingStatus status, string reason, string? runId, PipelineLeaseHolder? holder = null, Exception? failure = null)
        {
            if (_durations.Total == 0)
                _durations.Total = Seconds(_clock);
            if (request.WhatIf)
                reason = "What if: " + reason + " Nothing was registered, logged or deployed: the steps ran in a temporary copy of the store.";
            if (_eventError is not null)
                reason += $" An alert could not be sent: {_eventError}.";
            var training = _training;
            return new RetrainingResult
            {
                Status = status,
                Reason = reason,
                ModelName = _model,
                Trigger = request.Trigger,
                RequestedReason = request.Reason,
                DriftDetected = _drift?.DriftDetected ?? false,
                DriftReport = _drift,
                ChampionVersion = _champion?.Version,
                ChampionUri = _champion?.Uri,
                NewModelUri = training?.Version.Uri,
                NewVersion = training?.Version.Version,
                RetrainResult = training is null ? null : new RetrainResult
                {
                    NewModelUri = training.Version.Uri,
                    Version = training.Version.Version,
                    RunId = training.Run.RunId,
                    Metrics = training.Model.Manifest.Metrics,
                    TrainingRows = training.Model.Manifest.TrainRows,
                    DataWindow = training.Model.Manifest.DataWindow,
                },
                ComparisonReport = _comparison,
                Deployed = status == RetrainingStatus.Deployed,
                Deployment = _deployment,
                CanaryStep = _canary,
                LeaseHolder = holder,
                FailedStep = failure is null ? null : _step,
                Error = failure?.Message,
                ErrorId = failure is RetrainException r ? r.ErrorId : failure?.GetType().Name,
                RunId = request.WhatIf ? null : runId,
                WhatIf = request.WhatIf,
                Durations = _durations,
            };
        }

        /// <summary>The run's own record: what it was asked, what it found and made, and how long each step took.</summary>
        private void Record(TrackedRun run, RetrainingResult result)
        {
            var parameters = new Dictionary<string, string>
            {
                [PipelineRunKeys.Reason] = result.Reason,
                ["champion_version"] = _champion?.Version.ToString(CultureInfo.InvariantCulture) ?? "none",
            };
            if (_dataEnd is { } end)
                parameters[PipelineRunKeys.DataEnd] = TimestampParser.Format(end);
            if (request.Reason is { } asked)
                parameters["requested_reason"] = asked;
            var tags = new Dictionary<string, string>
            {
                [PipelineRunKeys.Status] = result.Status.ToString(),
                [DriftRunKeys.DriftDetected] = DriftRunKeys.Flag(result.DriftDetected),
            };
            if (result.NewModelUri is { } uri)
                tags[PipelineRunKeys.NewModelUri] = uri;
            if (result.Status == RetrainingStatus.Deployed && result.NewVersion is int deployed)
                tags[PipelineRunKeys.DeployedVersion] = deployed.ToString(CultureInfo.InvariantCulture);
            if (_eventError is not null)
                tags[PipelineRunKeys.EventError] = StoreNames.FitRunName(_eventError);
            var now = DateTimeOffset.UtcNow;
            var metrics = new List<MetricPoint> { new("duration_seconds.total", _durations.Total, 0, now) };
            foreach (var (step, seconds) in new[] { ("load_data", _durations.LoadData), ("rollback_check", _durations.RollbackCheck), ("drift_check", _durations.DriftCheck),
                         ("training", _durations.Training), ("comparison", _durations.Comparison), ("deployment", _durations.Deployment) })
                if (seconds is double s)
                    metrics.Add(new($"duration_seconds.{step}", s, 0, now));
            run.Params(parameters).Tags(tags).Metrics(metrics);
        }

        private string RunName() => StoreNames.DerivedRunName("retrain ", _model, $" ({request.Trigger.ToString().ToLowerInvariant()})");

        private Dictionary<string, string> Tags() => new()
        {
            [RunTags.ModelName] = _model,
            [PipelineRunKeys.Trigger] = request.Trigger.ToString(),
        };

        private T Time<T>(Action<StepDurations, double> record, string status, int percent, Func<T> step)
        {
            cancellation.ThrowIfCancellationRequested();
            _step = status.ToLowerInvariant();
            progress?.Report(new EngineProgress(Activity, status, percent));
            var clock = Stopwatch.StartNew();
            T result = step();
            record(_durations, Seconds(clock));
            return result;
        }

        private static double Seconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalSeconds, 3);

        private void Say(string message) => progress?.Report(EngineProgress.Say(Activity, message));

        private void Warn(string message) => progress?.Report(EngineProgress.Warn(Activity, message));

        private void Emit(AlertEvent kind, string message, int? version = null, Dictionary<string, double>? figures = null, string? error = null,
            DeploymentRecord? deployment = null)
        {
            figures ??= new Dictionary<string, double>();
            if (deployment?.Gate is { } gate)
            {
                if (gate.RegressionPct is double r && double.IsFinite(r))
                    figures["gate_regression_pct"] = r;
                figures["gate_units"] = gate.Units;
            }
            if (_drift is not null)
            {
                figures["drift_score"] = _drift.DriftScore;
                if (_drift.ConceptDriftScore is double concept)
                    figures["concept_drift_score"] = concept;
            }
            if (_comparison is not null)
            {
                figures["improvement_pct"] = _comparison.ImprovementPct;
                figures["p_value"] = _comparison.PValue;
                figures["challenger_mae"] = _comparison.MetricsComparison.Challenger.Mae;
                if (_comparison.MetricsComparison.Champion is { } c)
                    figures["champion_mae"] = c.Mae;
            }
            var pipelineEvent = new PipelineEvent
            {
                Kind = kind,
                ModelName = _model,
                RunId = request.WhatIf ? null : _runId,
                ChampionVersion = _champion?.Version,
                Version = version ?? deployment?.ModelVersion ?? _training?.Version.Version,
                Message = message,
                Figures = figures,
                DriftReport = _drift,
                ComparisonReport = _comparison,
                Deployment = deployment ?? _deployment,
                Error = error,
            };
            if (request.WhatIf)
                return; // a what-if run tells nobody: nothing happened
            try
            {
                _events.Publish(pipelineEvent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _eventError = $"{pipelineEvent.Name}: {e.Message}";
                Warn($"The {pipelineEvent.Name} event could not be delivered: {e.Message}");
            }
        }
    }
}
