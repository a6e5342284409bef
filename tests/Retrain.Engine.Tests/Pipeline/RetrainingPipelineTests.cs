using Retrain.Engine.Alerts;
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
        Assert.Equal([AlertEvent.Retrained, AlertEvent.Deployed], sink.Events.Select(e => e.Kind));
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
        Assert.Equal(AlertEvent.Failed, failed.Kind);
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

    [Fact]
    public void A_failed_run_sends_the_failed_alert_to_a_real_webhook_and_the_log_file_configured_in_alerts()
    {
        using var webhook = Alerts.TestWebhook.Answering(200);
        var o = Options();
        o.Alerts.Enabled = true;
        o.Alerts.WebhookUrl = webhook.Url;
        o.Alerts.LogPath = Path.Combine(_folder, "alerts.jsonl");
        var result = RetrainingPipeline.Run(_store, o, new RetrainingRequest { DataPath = Path.Combine(_folder, "missing.csv") });
        Assert.Equal(RetrainingStatus.Failed, result.Status);
        var received = Assert.Single(webhook.Requests);
        Assert.Equal("POST", received.Method);
        using var body = System.Text.Json.JsonDocument.Parse(received.Body);
        Assert.Equal("failed", body.RootElement.GetProperty("event").GetString());
        Assert.Equal("predictive_maintenance_model", body.RootElement.GetProperty("model_name").GetString());
        Assert.Contains("missing.csv", body.RootElement.GetProperty("reason").GetString());
        string line = Assert.Single(File.ReadAllLines(o.Alerts.LogPath));
        Assert.Contains("\"failed\"", line);
        Assert.DoesNotContain("could not be sent", result.Reason);
    }

    [Fact]
    public void A_dead_webhook_never_fails_or_stalls_the_run_and_the_failed_delivery_is_recorded_on_it()
    {
        var o = Options();
        o.Alerts.Enabled = true;
        o.Alerts.WebhookUrl = $"http://127.0.0.1:{Alerts.TestWebhook.FreePort()}/hooks/retrain?token=secret-token";
        o.Alerts.TimeoutSeconds = 2;
        o.Alerts.RetryDelaySeconds = 0.05;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = RetrainingPipeline.Run(_store, o, new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "first model", DataPath = _data });
        Assert.Equal(RetrainingStatus.Deployed, result.Status);
        Assert.Contains("An alert could not be sent", result.Reason);
        string recorded = _store.GetRun(result.RunId!).Tags[PipelineRunKeys.EventError];
        Assert.Contains("Webhook", recorded);
        Assert.DoesNotContain("secret-token", recorded);
        Assert.DoesNotContain("secret-token", result.Reason);
        // Two events (retrained, deployed), each given up within the 2 s timeout: the run is not held for longer.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), clock.Elapsed.ToString());
    }

    [Fact]
    public void Under_the_canary_strategy_the_first_version_goes_Direct_and_a_scheduled_run_judges_the_canary_through_its_gate()
    {
        var o = Options();
        o.Deployment.Strategy = DeploymentStrategy.Canary;
        o.Deployment.CanarySteps = [99, 100];
        var first = RetrainingPipeline.Run(_store, o, new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "first model", DataPath = _data });
        Assert.Equal((RetrainingStatus.Deployed, DeploymentStrategy.Direct), (first.Status, first.Deployment!.Strategy));
        var registered = o.Pipeline.AutoDeploy;
        o.Pipeline.AutoDeploy = false;
        var second = RetrainingPipeline.Run(_store, o, new RetrainingRequest { Trigger = RetrainingTrigger.Manual, Reason = "a challenger", DataPath = _data });
        o.Pipeline.AutoDeploy = registered;
        DeploymentWorkflow.Publish(_store, o, Registry.ModelUri.Parse(second.NewModelUri!), DeploymentStrategy.Canary, "judge it weekly");

        var scheduled = RetrainingPipeline.Run(_store, o, new RetrainingRequest { DataPath = _data });
        var step = scheduled.CanaryStep!;
        var gate = step.Gate!;
        Assert.Equal((99, 100), (gate.TrafficPercent, gate.NextPercent ?? 100));
        Assert.True(gate.Units >= 3, gate.Message);
        Assert.NotNull(scheduled.Durations.CanaryGate);
        int production = _store.GetVersionByStage("predictive_maintenance_model", Registry.ModelStage.Production)!.Version;
        // What the gate decided is what the registry holds.
        if (gate.Outcome == Retrain.Engine.Deployment.CanaryGateOutcome.Successful)
            Assert.Equal((Retrain.Engine.Deployment.DeploymentStatus.Deployed, 2), (step.DeploymentStatus, production));
        else
            Assert.Equal((Retrain.Engine.Deployment.DeploymentStatus.CanaryAborted, 1), (step.DeploymentStatus, production));
        Assert.Empty(_store.GetRoles("predictive_maintenance_model"));
    }
}
