using System.Globalization;
using System.Text;
using Retrain.Engine.Configuration;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Tracking;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>The orchestration as the engine runs it: one parent run with its steps as children, the events it raises, a failing step.</summary>
public sealed class RetrainingPipelineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-pipeline-run-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly string _data;

    public RetrainingPipelineTests()
    {
        Directory.CreateDirectory(_folder);
        _store = new FileRetrainStore(Path.Combine(_folder, "store"));
        _data = Path.Combine(_folder, "fleet.csv");
        // FD001 engines 1..20, one every 6 hours, a cycle an hour (as demo/ConvertTo-TimedFleet.ps1 maps them).
        var train = Fd001.Train;
        double[] unit = train.Column("unit"), cycle = train.Column("cycle"), rul = train.Column("rul");
        string[] sensors = ["s2", "s3", "s4", "s7", "s11", "s12", "s15"];
        var csv = new StringBuilder("unit,timestamp,cycle," + string.Join(',', sensors) + ",rul\n");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int r = 0; r < train.RowCount && unit[r] <= 20; r++)
        {
            var t = start.AddHours((unit[r] - 1) * 6 + cycle[r] - 1);
            csv.Append(CultureInfo.InvariantCulture, $"{unit[r]},{t:yyyy-MM-ddTHH:mm:ssZ},{cycle[r]},");
            csv.Append(string.Join(',', sensors.Select(s => train.Column(s)[r].ToString("R", CultureInfo.InvariantCulture))));
            csv.Append(CultureInfo.InvariantCulture, $",{rul[r]}\n");
        }
        File.WriteAllText(_data, csv.ToString());
    }

    public void Dispose()
    {
        _store.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static RetrainOptions Options()
    {
        var o = ConfigurationLoader.Defaults();
        o.Data.TimestampColumn = "timestamp";
        o.Pipeline.AutoDeploy = true;
        o.Pipeline.RequireApproval = false;
        o.Training.NumberOfTrees = 10;
        o.ModelComparison.BootstrapResamples = 100;
        return o;
    }

    private sealed class Collect : IPipelineEventSink
    {
        public List<PipelineEvent> Events { get; } = [];
        public void Publish(PipelineEvent pipelineEvent) => Events.Add(pipelineEvent);
    }

    [Fact]
    public void A_manual_run_is_one_parent_run_with_its_steps_as_children_and_raises_retrained_then_deployed()
    {
        var sink = new Collect();
        var result = RetrainingPipeline.Run(_store, Options(), new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "first model", DataPath = _data, Events = sink });
        Assert.Equal(RetrainingStatus.Deployed, result.Status);
        Assert.Equal([PipelineEventKind.Retrained, PipelineEventKind.Deployed], sink.Events.Select(e => e.Kind));
        Assert.All(sink.Events, e => Assert.Equal(result.RunId, e.RunId));
        Assert.Equal("deployed", sink.Events[1].Name);
        Assert.Equal(1, sink.Events[1].Version);
        Assert.True(sink.Events[0].Figures.ContainsKey("challenger_mae"));
        var parent = _store.GetRun(result.RunId!);
        Assert.Equal(ExperimentNames.RetrainingPipeline, parent.ExperimentName);
        Assert.Equal("Deployed", parent.Tags[PipelineRunKeys.Status]);
        Assert.Equal("1", parent.Tags[PipelineRunKeys.DeployedVersion]);
        Assert.True(parent.Metrics.ContainsKey("duration_seconds.training"));
        var children = _store.SearchRuns(new RunQuery { Tags = new Dictionary<string, string> { [RunTags.ParentRunId] = result.RunId! } });
        Assert.Equal([ExperimentNames.AutomatedRetraining, ExperimentNames.ModelComparison, ExperimentNames.ModelDeployment],
            children.Select(c => c.ExperimentName).Order(StringComparer.Ordinal));
        // Runs started after the scope are nobody's children.
        var later = TrackedRun.Execute(_store, "after", null, null, _ => 0).Run;
        Assert.False(later.Tags.ContainsKey(RunTags.ParentRunId));
    }

    [Fact]
    public void A_step_that_throws_ends_the_run_Failed_and_raises_failed_with_the_error()
    {
        var sink = new Collect();
        var result = RetrainingPipeline.Run(_store, Options(), new RetrainingRequest { DataPath = Path.Combine(_folder, "missing.csv"), Events = sink },
            out Exception? error);
        Assert.Equal(RetrainingStatus.Failed, result.Status);
        Assert.Equal("loading data", result.FailedStep);
        Assert.Equal("FileNotFound", result.ErrorId);
        Assert.IsAssignableFrom<RetrainException>(error);
        var failed = Assert.Single(sink.Events);
        Assert.Equal(PipelineEventKind.Failed, failed.Kind);
        Assert.Contains("missing.csv", failed.Error);
        var run = _store.GetRun(result.RunId!);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("missing.csv", run.ErrorMessage);
        Assert.Equal("Failed", run.Tags[PipelineRunKeys.Status]);
        Assert.Empty(_store.ListModels());
    }

    [Fact]
    public void A_failure_after_registration_leaves_the_new_version_registered_and_never_deployed()
    {
        // The champion held out one engine; the challenger's held-out engines are all ones the champion learnt, so no
        // fair comparison exists and the comparison step throws after the challenger was registered.
        var first = Options();
        first.ModelComparison.TestSize = 0.05;
        first.Training.Seed = 7;
        Assert.Equal(RetrainingStatus.Deployed, RetrainingPipeline.Run(_store, first, new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "champion", DataPath = _data }).Status);
        var result = RetrainingPipeline.Run(_store, Options(), new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "challenger", DataPath = _data });
        Assert.Equal(RetrainingStatus.Failed, result.Status);
        Assert.Equal("comparing with the champion", result.FailedStep);
        Assert.Equal("NoFairTestUnits", result.ErrorId);
        Assert.Equal("models:/predictive_maintenance_model/2", result.NewModelUri);
        Assert.Contains("models:/predictive_maintenance_model/2 was registered before the failure: it stays registered and this run never deploys it", result.Reason);
        Assert.Equal(1, _store.GetVersionByStage("predictive_maintenance_model", Registry.ModelStage.Production)!.Version);
        Assert.Equal(Registry.ModelStage.None, _store.GetVersion("predictive_maintenance_model", 2).Stage);
        Assert.Equal("models:/predictive_maintenance_model/2", _store.GetRun(result.RunId!).Tags[PipelineRunKeys.NewModelUri]);
    }

    [Fact]
    public void An_event_sink_that_throws_never_fails_the_run_and_the_run_says_so()
    {
        var result = RetrainingPipeline.Run(_store, Options(), new RetrainingRequest
        {
            Trigger = RetrainingTrigger.Manual, Reason = "first model", DataPath = _data, Events = new Throwing(),
        });
        Assert.Equal(RetrainingStatus.Deployed, result.Status);
        Assert.Contains("An alert could not be sent", result.Reason);
        Assert.Contains("webhook down", _store.GetRun(result.RunId!).Tags[PipelineRunKeys.EventError]);
    }

    private sealed class Throwing : IPipelineEventSink
    {
        public void Publish(PipelineEvent pipelineEvent) => throw new HttpRequestException("webhook down");
    }
}
