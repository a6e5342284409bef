using Retrain.Engine.Configuration;
using Retrain.Engine.Drift;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store.FileStore;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>Hysteresis from the drift history of the model (one vote per current window) and the cooldown from its deployment history.</summary>
public sealed class RetrainingGuardsTests : IClassFixture<PipelineFixture>, IDisposable
{
    private readonly PipelineFixture _fixture;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-guard-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private static readonly DateTimeOffset Week0 = new(2024, 1, 7, 0, 0, 0, TimeSpan.Zero);

    public RetrainingGuardsTests(PipelineFixture fixture)
    {
        _fixture = fixture;
        _store = new FileRetrainStore(_folder);
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static RetrainOptions Options(int windows = 1, double cooldown = 0)
    {
        var o = ConfigurationLoader.Defaults();
        o.DriftDetection.ConsecutiveWindows = windows;
        o.Pipeline.CooldownDays = cooldown;
        return o;
    }

    private DriftReport Check(int week, bool drifted, string model = "pm")
    {
        var report = new DriftReport
        {
            DriftDetected = drifted, Status = DriftStatus.Ok, ModelUri = $"models:/{model}/1", Timestamp = DateTimeOffset.UtcNow,
            CurrentWindow = $"fleet week {week}", CurrentWindowEnd = Week0.AddDays(7 * week),
        };
        DriftReportLogger.Log(_store, report);
        Thread.Sleep(15); // distinct start times: the history is newest first
        return report;
    }

    [Fact]
    public void Counts_drifted_windows_in_a_row_newest_first_for_this_model_only()
    {
        Check(1, true);
        Check(2, false);
        Check(3, true);
        Check(3, true, model: "other");
        var last = Check(4, true);
        var h = RetrainingGuards.CheckHysteresis(_store, Options(windows: 2), "pm", last);
        Assert.True(h.Met);
        Assert.Equal(2, h.InARow);
        Assert.False(RetrainingGuards.CheckHysteresis(_store, Options(windows: 3), "pm", last).Met);
    }

    [Fact]
    public void The_same_window_checked_twice_is_one_vote()
    {
        Check(1, false);
        Check(2, true);
        var again = Check(2, true);
        var h = RetrainingGuards.CheckHysteresis(_store, Options(windows: 2), "pm", again);
        Assert.False(h.Met);
        Assert.Equal(1, h.InARow);
        Assert.Contains("1 drifted window(s) in a row of the 2", h.Explanation);
    }

    [Fact]
    public void A_report_that_was_not_logged_counts_as_the_newest_window()
    {
        Check(1, true);
        var unlogged = new DriftReport { DriftDetected = true, Status = DriftStatus.Ok, CurrentWindow = "week 2", CurrentWindowEnd = Week0.AddDays(14) };
        Assert.True(RetrainingGuards.CheckHysteresis(_store, Options(windows: 2), "pm", unlogged).Met);
    }

    [Fact]
    public void A_deployment_within_cooldown_days_holds_a_scheduled_retrain_back()
    {
        ModelRegistration.Import(_store, "pm", _fixture.Model("guards").Uri);
        Assert.False(RetrainingGuards.CheckCooldown(_store, Options(cooldown: 3), "pm", DateTimeOffset.UtcNow).Active);
        DeploymentWorkflow.Publish(_store, Options(), ModelUri.Parse("models:/pm/1"), reason: "first");
        var now = DateTimeOffset.UtcNow;
        var cooling = RetrainingGuards.CheckCooldown(_store, Options(cooldown: 3), "pm", now);
        Assert.True(cooling.Active);
        Assert.Equal(1, cooling.Version);
        Assert.Contains("within pipeline.cooldown_days", cooling.Explanation);
        Assert.False(RetrainingGuards.CheckCooldown(_store, Options(cooldown: 3), "pm", now.AddDays(3.1)).Active);
        Assert.False(RetrainingGuards.CheckCooldown(_store, Options(cooldown: 0), "pm", now).Active);
    }
}
