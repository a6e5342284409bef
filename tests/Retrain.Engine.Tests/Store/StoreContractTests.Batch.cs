using Retrain.Engine.Store;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

// The batch write: params, metrics, tags, artifacts and the run's end in one change.
public abstract partial class StoreContractTests
{
    [Fact]
    public void A_batch_logs_params_metrics_tags_artifacts_and_ends_the_run()
    {
        Run run = Store.StartRun("drift_monitoring", "check", new Dictionary<string, string> { ["keep"] = "1", ["host"] = "a" });
        var t = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var batch = new RunBatch { EndStatus = RunStatus.Finished };
        batch.Params["window"] = "7d";
        batch.Tags["host"] = "b";
        batch.Metrics.Add(new MetricPoint("score", 0.5, 0, t));
        batch.Metrics.Add(new MetricPoint("score", 0.25, 1, t));
        batch.Artifacts.Add(new("report.json", Text("{}")));
        batch.Artifacts.Add(new("plots/a.txt", Text("a")));

        Run ended = Store.LogBatch(run.RunId, batch);

        Assert.Equal(RunStatus.Finished, ended.Status);
        Assert.NotNull(ended.EndTime);
        Assert.Equal("7d", ended.Params["window"]);
        Assert.Equal("1", ended.Tags["keep"]);
        Assert.Equal("b", ended.Tags["host"]);
        Assert.Equal(0.25, ended.Metrics["score"]);
        Assert.Equal(new[] { 0.5, 0.25 }, Store.GetMetricHistory(run.RunId, "score").Select(m => m.Value));
        Assert.Equal(new[] { "plots/a.txt", "report.json" }, Store.ListArtifacts(run.RunId));
        using (Stream report = Store.OpenArtifact(run.RunId, "report.json"))
            Assert.Equal("{}", ReadText(report));
        Assert.Equal(RunStatus.Finished, OpenStore().GetRun(run.RunId).Status);
    }

    [Fact]
    public void A_batch_without_an_end_leaves_the_run_running()
    {
        Run run = Store.StartRun("training");
        var batch = new RunBatch();
        batch.Params["seed"] = "42";
        Run after = Store.LogBatch(run.RunId, batch);
        Assert.Equal(RunStatus.Running, after.Status);
        Assert.Null(after.EndTime);
        Assert.Equal("42", Store.GetRun(run.RunId).Params["seed"]);
    }

    [Fact]
    public void A_batch_that_breaks_a_rule_changes_nothing()
    {
        Run run = Store.StartRun("training");
        Store.LogParams(run.RunId, new Dictionary<string, string> { ["seed"] = "42" });
        var batch = new RunBatch { EndStatus = RunStatus.Finished };
        batch.Params["seed"] = "7";
        batch.Tags["t"] = "v";
        batch.Metrics.Add(new MetricPoint("m", 1, 0, DateTimeOffset.UtcNow));
        batch.Artifacts.Add(new("x.txt", Text("x")));

        Fails(RetrainErrorKind.InvalidOperation, "ParamAlreadyLogged", () => Store.LogBatch(run.RunId, batch));

        Run unchanged = OpenStore().GetRun(run.RunId);
        Assert.Equal(RunStatus.Running, unchanged.Status);
        Assert.Equal("42", unchanged.Params["seed"]);
        Assert.False(unchanged.Tags.ContainsKey("t"));
        Assert.Empty(unchanged.Metrics);
        Assert.Empty(Store.ListArtifacts(run.RunId));
    }

    [Fact]
    public void A_batch_checks_names_status_and_the_run_before_writing()
    {
        Run run = Store.StartRun("training");
        var badPath = new RunBatch();
        badPath.Artifacts.Add(new("../escape.txt", Text("x")));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.LogBatch(run.RunId, badPath));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidRunStatus", () => Store.LogBatch(run.RunId, new RunBatch { EndStatus = RunStatus.Running }));
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => Store.LogBatch(new string('0', 32), new RunBatch { EndStatus = RunStatus.Finished }));
        Assert.Empty(Store.ListArtifacts(run.RunId));
        Assert.Equal(RunStatus.Running, Store.GetRun(run.RunId).Status);
    }
}
