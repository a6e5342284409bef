using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

/// <summary>
/// The contract every <see cref="IRetrainStore"/> backend passes. A backend's test class derives from this and
/// opens instances on one fresh, empty store per test (xunit makes a new class instance per test).
/// Split by area: tracking here; artifacts, registry, names, concurrency and URIs in the other parts.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly List<IRetrainStore> _opened = new();
    private IRetrainStore? _store;

    /// <summary>A new instance (its own handles and caches) on this test's store.</summary>
    protected abstract IRetrainStore OpenInstance();

    /// <summary>Opens another instance on the same store and disposes it with the test.</summary>
    protected IRetrainStore OpenStore()
    {
        IRetrainStore store = OpenInstance();
        lock (_opened)
            _opened.Add(store);
        return store;
    }

    /// <summary>The test's first instance.</summary>
    protected IRetrainStore Store => _store ??= OpenStore();

    public virtual void Dispose()
    {
        foreach (IRetrainStore store in _opened)
            store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Experiments_are_created_on_first_use_and_listed()
    {
        Assert.Empty(Store.ListExperiments());
        Experiment drift = Store.GetOrCreateExperiment("drift_monitoring");
        Assert.Equal(drift.ExperimentId, Store.GetOrCreateExperiment("drift_monitoring").ExperimentId);

        Run run = Store.StartRun("model_comparison");
        Assert.Equal("model_comparison", run.ExperimentName);

        var experiments = Store.ListExperiments();
        Assert.Equal(new[] { "drift_monitoring", "model_comparison" }, experiments.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, experiments.Select(e => e.ExperimentId).Distinct().Count());
        Assert.Equal(experiments.Single(e => e.Name == "model_comparison").ExperimentId, run.ExperimentId);
    }

    [Fact]
    public void A_run_records_params_tags_metrics_status_user_and_machine()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        Run started = Store.StartRun("training", "nightly", new Dictionary<string, string> { ["trigger"] = "drift", ["host"] = "a" });
        Assert.Equal(RunStatus.Running, started.Status);
        Assert.Null(started.EndTime);
        Assert.Equal($"runs:/{started.RunId}", started.Uri);
        Assert.Equal(Environment.UserName, started.User);
        Assert.Equal(Environment.MachineName, started.Machine);
        Assert.InRange(started.StartTime, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        Store.LogParams(started.RunId, new Dictionary<string, string> { ["trainer"] = "FastTree", ["seed"] = "42" });
        Store.SetRunTags(started.RunId, new Dictionary<string, string> { ["host"] = "b", ["result"] = "ok" });
        var t0 = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Store.LogMetrics(started.RunId, new[]
        {
            new MetricPoint("mae", 20.0, 1, t0),
            new MetricPoint("mae", 15.0, 3, t0.AddSeconds(2)),
            new MetricPoint("mae", 17.0, 2, t0.AddSeconds(5)),
            new MetricPoint("rmse", 22.25, 0, t0),
        });
        Run ended = Store.EndRun(started.RunId, RunStatus.Failed);

        Run run = Store.GetRun(started.RunId);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(ended.EndTime, run.EndTime);
        Assert.NotNull(run.EndTime);
        Assert.Equal("nightly", run.RunName);
        Assert.Equal("training", run.ExperimentName);
        Assert.Equal(new Dictionary<string, string> { ["trainer"] = "FastTree", ["seed"] = "42" }, run.Params);
        Assert.Equal(new Dictionary<string, string> { ["trigger"] = "drift", ["host"] = "b", ["result"] = "ok" }, run.Tags);
        Assert.Equal(15.0, run.Metrics["mae"]); // highest step wins, not the last logged
        Assert.Equal(22.25, run.Metrics["rmse"]);
    }

    [Fact]
    public void Metric_history_keeps_steps_and_timestamps_in_step_order()
    {
        Run run = Store.StartRun("training");
        var t0 = new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("loss", 0.5, 2, t0.AddMinutes(2)), new MetricPoint("loss", 0.9, 0, t0) });
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("loss", 0.7, 1, t0.AddMinutes(1)), new MetricPoint("other", 1, 0, t0) });

        var history = Store.GetMetricHistory(run.RunId, "loss");
        Assert.Equal(new[] { 0L, 1, 2 }, history.Select(p => p.Step));
        Assert.Equal(new[] { 0.9, 0.7, 0.5 }, history.Select(p => p.Value));
        Assert.Equal(t0, history[0].Timestamp);
        Assert.Equal(t0.AddMinutes(2), history[2].Timestamp);
        Assert.All(history, p => Assert.Equal("loss", p.Key));
        Assert.Empty(Store.GetMetricHistory(run.RunId, "never_logged"));
    }

    [Fact]
    public void A_metric_point_without_timestamp_gets_the_logging_time()
    {
        Run run = Store.StartRun("training");
        DateTimeOffset before = DateTimeOffset.UtcNow;
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, default) });
        Assert.InRange(Store.GetMetricHistory(run.RunId, "mae").Single().Timestamp, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void A_parameter_is_logged_once()
    {
        Run run = Store.StartRun("training");
        Store.LogParams(run.RunId, new Dictionary<string, string> { ["seed"] = "42" });
        Store.LogParams(run.RunId, new Dictionary<string, string> { ["seed"] = "42" });
        var e = Fails(RetrainErrorKind.InvalidOperation, "ParamAlreadyLogged",
            () => Store.LogParams(run.RunId, new Dictionary<string, string> { ["seed"] = "7" }));
        Assert.Equal(run.Uri, e.Target);
        Assert.Equal("42", Store.GetRun(run.RunId).Params["seed"]);
    }

    [Fact]
    public void A_run_cannot_end_as_running()
    {
        Run run = Store.StartRun("training");
        Fails(RetrainErrorKind.InvalidArgument, "InvalidRunStatus", () => Store.EndRun(run.RunId, RunStatus.Running));
        Assert.Equal(RunStatus.Killed, Store.EndRun(run.RunId, RunStatus.Killed).Status);
    }

    [Fact]
    public void An_unknown_run_is_an_error_naming_its_id()
    {
        string id = Guid.NewGuid().ToString("N");
        var e = Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.GetRun(id));
        Assert.Equal($"runs:/{id}", e.Target);
        Assert.Contains(id, e.Message);
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.LogParams(id, new Dictionary<string, string> { ["a"] = "b" }));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.LogMetrics(id, new[] { new MetricPoint("m", 1, 0, default) }));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.EndRun(id, RunStatus.Finished));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.GetMetricHistory(id, "m"));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.LogArtifact(id, "a.txt", Text("x")));
    }

    [Fact]
    public void Search_filters_by_experiment_status_time_and_tags_newest_first()
    {
        Run a = Store.StartRun("drift_monitoring", tags: new Dictionary<string, string> { ["model"] = "pm", ["env"] = "prod" });
        Store.EndRun(a.RunId, RunStatus.Finished);
        Thread.Sleep(20);
        Run b = Store.StartRun("drift_monitoring", tags: new Dictionary<string, string> { ["model"] = "pm" });
        Store.EndRun(b.RunId, RunStatus.Failed);
        Thread.Sleep(20);
        Run c = Store.StartRun("model_comparison", tags: new Dictionary<string, string> { ["model"] = "pm", ["env"] = "prod" });

        string[] Ids(RunQuery q) => Store.SearchRuns(q).Select(r => r.RunId).ToArray();

        Assert.Equal(new[] { c.RunId, b.RunId, a.RunId }, Ids(new RunQuery()));
        Assert.Equal(new[] { b.RunId, a.RunId }, Ids(new RunQuery { ExperimentNames = new[] { "drift_monitoring" } }));
        Assert.Equal(new[] { c.RunId, a.RunId }, Ids(new RunQuery { ExperimentNames = new[] { "drift_monitoring", "model_comparison", "nope" }, Tags = new Dictionary<string, string> { ["env"] = "prod" } }));
        Assert.Equal(new[] { a.RunId }, Ids(new RunQuery { Status = RunStatus.Finished }));
        Assert.Equal(new[] { c.RunId }, Ids(new RunQuery { Status = RunStatus.Running }));
        Assert.Equal(new[] { c.RunId, b.RunId }, Ids(new RunQuery { StartedAfter = b.StartTime }));
        Assert.Equal(new[] { a.RunId }, Ids(new RunQuery { StartedBefore = b.StartTime }));
        Assert.Equal(new[] { c.RunId, b.RunId }, Ids(new RunQuery { MaxResults = 2 }));
        Assert.Empty(Ids(new RunQuery { ExperimentNames = new[] { "nope" } }));
        Assert.Empty(Ids(new RunQuery { Tags = new Dictionary<string, string> { ["model"] = "other" } }));
        Assert.Equal("drift_monitoring", Store.SearchRuns(new RunQuery { MaxResults = 1, Status = RunStatus.Failed }).Single().ExperimentName);
    }
}
