using System.Diagnostics;
using System.Text.Json;
using Retrain.Engine.Alerts;
using Retrain.Engine.Configuration;
using Retrain.Engine.Tests.Data;

namespace Retrain.Engine.Tests.Alerts;

/// <summary>
/// The dispatcher against a real HTTP listener on 127.0.0.1, with a short back-off. The timeout is long (it bounds a
/// loaded machine's first, JIT-heavy call too) except where the timeout itself is tested. The class runs alone (not
/// beside the other test classes): its timing checks measure the dispatcher, not a thread pool busy with the rest of
/// the suite (a clean-clone CI once saw the 1 s webhook timeout case take 30 s with other classes running).
/// </summary>
[Collection(TimingSensitive.Name)]
public class AlertDispatcherTests
{
    /// <summary>How late a timeout or cancellation may end on a machine busy with the rest of the suite.</summary>
    private const double SlackSeconds = 1.0;

    private static AlertsOptions Webhook(string url, double timeoutSeconds = 10, int retries = 3) => new()
    {
        Enabled = true,
        WebhookUrl = url,
        On = new() { "drift", "deployment", "failure" },
        TimeoutSeconds = timeoutSeconds,
        Retries = retries,
        RetryDelaySeconds = 0.02,
    };

    private static AlertMessage Message(AlertEvent alertEvent = AlertEvent.Deployed) => new()
    {
        Event = alertEvent,
        ModelName = "predictive_maintenance_model",
        NewVersion = 3,
        ChampionVersion = 2,
        ProductionVersion = 3,
        Figures = new Dictionary<string, double> { ["drift_share"] = 0.4, ["champion_mae"] = 21.5, ["challenger_mae"] = 17.25, ["improvement_pct"] = 19.77 },
        Reason = "data drift in s2, s7",
        RunId = "run-42",
        Timestamp = new DateTimeOffset(2024, 5, 6, 2, 0, 0, TimeSpan.Zero),
        Machine = "ops-01",
        Report = "https://reports.example.com/run-42.html",
    };

    private static string Temp() => Path.GetTempPath();

    [Fact]
    public async Task Webhook200_IsDeliveredOnce()
    {
        using var hook = TestWebhook.Answering(200);
        var result = await AlertDispatcher.SendAsync(Webhook(hook.Url), Temp(), Message());

        var d = Assert.Single(result);
        Assert.Equal(AlertTargetKind.Webhook, d.Kind);
        Assert.True(d.Delivered, d.Error);
        Assert.Equal(1, d.Attempts);
        Assert.Equal(200, d.StatusCode);
        Assert.Null(d.Error);
        Assert.Equal(AlertEvent.Deployed, d.Event);
        Assert.Single(hook.Requests);
    }

    [Fact]
    public async Task Webhook500Then500Then200_IsDeliveredOnTheThirdAttempt()
    {
        using var hook = TestWebhook.Answering(500, 500, 200);
        var d = Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url), Temp(), Message()));

        Assert.True(d.Delivered, d.Error);
        Assert.Equal(3, d.Attempts);
        Assert.Equal(200, d.StatusCode);
        Assert.Equal(3, hook.Requests.Count);
        Assert.All(hook.Requests, r => Assert.Equal(hook.Requests.First().Body, r.Body)); // the same alert each time
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task TransientStatus_IsRetried(int status)
    {
        using var hook = TestWebhook.Answering(status, 200);
        var d = Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url), Temp(), Message()));
        Assert.True(d.Delivered, d.Error);
        Assert.Equal(2, d.Attempts);
    }

    [Fact]
    public async Task Webhook400_IsNotRetried()
    {
        using var hook = TestWebhook.Answering(400, 200);
        var d = Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url), Temp(), Message()));

        Assert.False(d.Delivered);
        Assert.Equal(1, d.Attempts);
        Assert.Equal(400, d.StatusCode);
        Assert.Contains("HTTP 400", d.Error);
        Assert.Single(hook.Requests);
    }

    [Fact]
    public async Task WebhookThatKeepsFailing_GivesUpAfterEveryRetry()
    {
        using var hook = TestWebhook.Answering(500);
        var d = Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url, retries: 2), Temp(), Message()));

        Assert.False(d.Delivered);
        Assert.Equal(3, d.Attempts);
        Assert.Equal(500, d.StatusCode);
        Assert.Contains("HTTP 500", d.Error);
        Assert.Contains("after 3 attempts", d.Error);
    }

    [Fact]
    public async Task WebhookThatNeverAnswers_GivesUpWithinTheTimeout()
    {
        using var hook = TestWebhook.Silent();
        var options = Webhook(hook.Url, timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();
        var d = Assert.Single(await AlertDispatcher.SendAsync(options, Temp(), Message(AlertEvent.Failed)));
        clock.Stop();

        Assert.False(d.Delivered);
        Assert.Null(d.StatusCode);
        Assert.Contains("no answer in time", d.Error);
        // Each attempt has half the time, so the hung one is normally tried again; a slow first connection may use it all.
        Assert.InRange(d.Attempts, 1, 4);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, options.TimeoutSeconds + SlackSeconds);
        Assert.InRange(d.Elapsed.TotalSeconds, 0.9, options.TimeoutSeconds + SlackSeconds);
    }

    [Fact]
    public async Task ClosedPort_IsNotDeliveredAndDoesNotThrow()
    {
        var options = Webhook($"http://127.0.0.1:{TestWebhook.FreePort()}/hook", timeoutSeconds: 3, retries: 2);
        var clock = Stopwatch.StartNew();
        var d = Assert.Single(await AlertDispatcher.SendAsync(options, Temp(), Message()));

        Assert.False(d.Delivered);
        Assert.Equal(3, d.Attempts); // a refused connection is transient: retried
        Assert.Null(d.StatusCode);
        Assert.Contains("after 3 attempts", d.Error);
        Assert.True(clock.Elapsed.TotalSeconds < options.TimeoutSeconds + SlackSeconds, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellation_EndsTheDeliveryWithoutThrowing()
    {
        using var hook = TestWebhook.Silent();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        var d = Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url, timeoutSeconds: 5), Temp(), Message(), cts.Token));
        Assert.False(d.Delivered);
        Assert.Contains("cancelled", d.Error);
        Assert.True(clock.Elapsed.TotalSeconds < 0.2 + SlackSeconds, $"took {clock.Elapsed}"); // not the 5 s timeout
    }

    [Fact]
    public async Task Secrets_InTheWebhookUrl_AppearInNoResult()
    {
        const string token = "s3cr3t-T0KEN";
        using var hook = TestWebhook.Answering(500);
        // A token in the user info, the path and the query; the listener answers 500 throughout.
        var options = Webhook($"http://bot:{token}@127.0.0.1:{hook.Port}/services/{token}?token={token}", retries: 1);
        var served = Assert.Single(await AlertDispatcher.SendAsync(options, Temp(), Message()));
        var refused = Assert.Single(await AlertDispatcher.SendAsync(
            Webhook($"http://bot:{token}@127.0.0.1:{TestWebhook.FreePort()}/services/{token}?token={token}", retries: 0), Temp(), Message()));

        Assert.False(served.Delivered);
        Assert.False(refused.Delivered);
        foreach (var d in new[] { served, refused })
        {
            string shown = JsonSerializer.Serialize(d);
            Assert.DoesNotContain(token, shown);
            Assert.DoesNotContain("bot", shown);
            Assert.StartsWith("http://127.0.0.1:", d.Target);
            Assert.EndsWith("/***", d.Target);
        }
        Assert.Equal($"/services/{token}?token={token}", hook.Requests.First().PathAndQuery); // the URL itself was used whole
    }

    [Fact]
    public async Task Body_IsTheAlertAsSnakeCaseJson()
    {
        using var hook = TestWebhook.Answering(200);
        var message = Message(AlertEvent.PendingApproval) with
        {
            Figures = new Dictionary<string, double> { ["improvement_pct"] = 12.5, ["p_value"] = double.NaN },
        };
        Assert.True(Assert.Single(await AlertDispatcher.SendAsync(Webhook(hook.Url), Temp(), message)).Delivered);

        var request = Assert.Single(hook.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType);
        using var doc = JsonDocument.Parse(request.Body);
        var root = doc.RootElement;
        Assert.Equal("pending_approval", root.GetProperty("event").GetString());
        Assert.Equal("predictive_maintenance_model", root.GetProperty("model_name").GetString());
        Assert.Equal(3, root.GetProperty("new_version").GetInt32());
        Assert.Equal(2, root.GetProperty("champion_version").GetInt32());
        Assert.Equal(3, root.GetProperty("production_version").GetInt32());
        Assert.Equal(12.5, root.GetProperty("figures").GetProperty("improvement_pct").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("figures").GetProperty("p_value").ValueKind); // NaN is not JSON
        Assert.Equal("data drift in s2, s7", root.GetProperty("reason").GetString());
        Assert.Equal("run-42", root.GetProperty("run_id").GetString());
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 2, 0, 0, TimeSpan.Zero), root.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("ops-01", root.GetProperty("machine").GetString());
        Assert.Equal("https://reports.example.com/run-42.html", root.GetProperty("report").GetString());
        Assert.Equal("Retrain pending_approval: predictive_maintenance_model (new v3, champion v2, production v3): data drift in s2, s7",
            root.GetProperty("text").GetString());
    }

    [Fact]
    public async Task LogFile_GetsOneJsonLinePerAlert_RelativeToTheConfigFolder()
    {
        using var folder = new TempFolder();
        string config = folder.Write("retrain_config.yaml", "alerts:\n  enabled: true\n  on: [failed, drift]\n  log_path: logs/alerts.jsonl\n");
        var options = ConfigurationLoader.Load(config);

        var first = Assert.Single(await AlertDispatcher.SendAsync(options.Alerts, options.BaseDirectory, Message(AlertEvent.Failed)));
        var second = Assert.Single(AlertDispatcher.Send(options.Alerts, options.BaseDirectory, Message(AlertEvent.DriftDetected) with { RunId = "run-43" }));

        string path = Path.Combine(folder.Path, "logs", "alerts.jsonl");
        Assert.Equal(AlertTargetKind.LogFile, first.Kind);
        Assert.True(first.Delivered, first.Error);
        Assert.True(second.Delivered, second.Error);
        Assert.Equal(path, first.Target);
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using (var a = JsonDocument.Parse(lines[0]))
            Assert.Equal("failed", a.RootElement.GetProperty("event").GetString());
        using (var b = JsonDocument.Parse(lines[1]))
        {
            Assert.Equal("drift_detected", b.RootElement.GetProperty("event").GetString());
            Assert.Equal("run-43", b.RootElement.GetProperty("run_id").GetString());
        }
    }

    [Fact]
    public async Task WebhookAndLogFile_BothGetTheAlert_AndADeadWebhookDoesNotStopTheLog()
    {
        using var folder = new TempFolder();
        var options = Webhook($"http://127.0.0.1:{TestWebhook.FreePort()}/hook", retries: 0);
        options.LogPath = "alerts.jsonl";
        var result = await AlertDispatcher.SendAsync(options, folder.Path, Message());

        Assert.Equal(new[] { AlertTargetKind.Webhook, AlertTargetKind.LogFile }, result.Select(d => d.Kind));
        Assert.False(result[0].Delivered);
        Assert.True(result[1].Delivered, result[1].Error);
        Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, "alerts.jsonl")));
    }

    [Fact]
    public async Task UnwritableLogFile_IsNotDeliveredAndDoesNotThrow()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "taken"));
        var options = new AlertsOptions { Enabled = true, LogPath = "taken" }; // a folder, not a file
        var d = Assert.Single(await AlertDispatcher.SendAsync(options, folder.Path, Message()));
        Assert.False(d.Delivered);
        Assert.False(string.IsNullOrWhiteSpace(d.Error));
    }

    [Fact]
    public async Task Disabled_OrAnEventNotListed_SendsNothing()
    {
        using var hook = TestWebhook.Answering(200);
        var disabled = Webhook(hook.Url);
        disabled.Enabled = false;
        var driftOnly = Webhook(hook.Url);
        driftOnly.On = new() { "drift_detected" };
        var legacy = Webhook(hook.Url); // drift, deployment, failure: no older group selects retrained

        Assert.Empty(await AlertDispatcher.SendAsync(disabled, Temp(), Message(AlertEvent.Failed)));
        Assert.Empty(await AlertDispatcher.SendAsync(driftOnly, Temp(), Message(AlertEvent.Deployed)));
        Assert.Empty(await AlertDispatcher.SendAsync(legacy, Temp(), Message(AlertEvent.Retrained)));
        Assert.False(AlertDispatcher.Sends(disabled, AlertEvent.Failed));
        Assert.False(AlertDispatcher.Sends(legacy, AlertEvent.Retrained));
        Assert.True(AlertDispatcher.Sends(legacy, AlertEvent.RolledBack));
        Assert.Empty(hook.Requests);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive alert delivery";
}
