using Retrain.Engine.Alerts;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Tests.Configuration;

/// <summary>The alerts section: the event names, the older group names that still work, and the delivery limits.</summary>
public class AlertsConfigurationTests
{
    [Fact]
    public void Defaults_KeepTheOlderGroups_AndBoundTheWebhook()
    {
        var a = ConfigurationLoader.Defaults().Alerts;
        Assert.False(a.Enabled);
        Assert.Null(a.WebhookUrl);
        Assert.Null(a.LogPath);
        Assert.Equal(new[] { "drift", "deployment", "failure" }, a.On);
        Assert.Equal(10, a.TimeoutSeconds);
        Assert.Equal(3, a.Retries);
        Assert.Equal(1, a.RetryDelaySeconds);
    }

    [Fact]
    public void EventNames_AreTheDocumentedOnes()
    {
        Assert.Equal(new[] { "drift_detected", "retrained", "deployed", "pending_approval", "rolled_back", "failed" },
            AlertEvents.All.Select(AlertEvents.Name));
    }

    [Fact]
    public void OlderGroups_MapOntoTheNewEvents()
    {
        Assert.Equal(new[] { AlertEvent.DriftDetected }, AlertEvents.Expand(new[] { "drift" }));
        Assert.Equal(new[] { AlertEvent.Deployed, AlertEvent.PendingApproval, AlertEvent.RolledBack }, AlertEvents.Expand(new[] { "deployment" }));
        Assert.Equal(new[] { AlertEvent.Failed }, AlertEvents.Expand(new[] { "failure" }));
        // Today's default selects every event but retrained, as before the split.
        Assert.Equal(AlertEvents.All.Where(e => e != AlertEvent.Retrained), AlertEvents.Expand(ConfigurationLoader.Defaults().Alerts.On));
    }

    [Fact]
    public void NewNames_AreAcceptedDirectly_InAnyCase_AndMixedWithOlderOnes()
    {
        var o = ConfigurationLoader.Parse("alerts:\n  on: [retrained, Rolled-Back, PENDING_APPROVAL, failure, drift_detected, drift]\n", ConfigAssert.Source);
        Assert.Equal(new[] { AlertEvent.DriftDetected, AlertEvent.Retrained, AlertEvent.PendingApproval, AlertEvent.RolledBack, AlertEvent.Failed },
            AlertEvents.Expand(o.Alerts.On));
    }

    [Fact]
    public void UnknownEvent_IsAnError_NamingTheItemAndTheAllowedNames()
    {
        var e = ConfigAssert.Fails("alerts:\n  enabled: true\n  on:\n    - drift\n    - deploy\n", "alerts.on[1]", 5, "ConfigInvalidValue");
        Assert.Contains("'deploy'", e.Message);
        foreach (string name in new[] { "drift_detected", "retrained", "deployed", "pending_approval", "rolled_back", "failed", "drift", "deployment", "failure" })
            Assert.Contains(name, e.Message);
    }

    [Fact]
    public void UnknownEvent_InAFlowList_NamesItsLine()
    {
        ConfigAssert.Fails("alerts:\n  on: [drift, 7]\n", "alerts.on[1]", 2, "ConfigInvalidValue");
    }

    [Fact]
    public void NewKeys_AreRead()
    {
        var a = ConfigurationLoader.Parse("alerts:\n  log_path: logs/alerts.jsonl\n  timeout_seconds: 2.5\n  retries: 0\n  retry_delay_seconds: 0.25\n",
            ConfigAssert.Source).Alerts;
        Assert.Equal("logs/alerts.jsonl", a.LogPath); // resolved against the config's folder when sent, as other paths
        Assert.Equal(2.5, a.TimeoutSeconds);
        Assert.Equal(0, a.Retries);
        Assert.Equal(0.25, a.RetryDelaySeconds);
    }

    [Theory]
    [InlineData("timeout_seconds: 0", "alerts.timeout_seconds")]
    [InlineData("timeout_seconds: 301", "alerts.timeout_seconds")]
    [InlineData("retries: -1", "alerts.retries")]
    [InlineData("retries: 11", "alerts.retries")]
    [InlineData("retry_delay_seconds: -0.5", "alerts.retry_delay_seconds")]
    public void OutOfRangeLimits_AreErrors(string line, string key)
    {
        ConfigAssert.Fails($"alerts:\n  {line}\n", key, 2, "ConfigOutOfRange");
    }

    [Fact]
    public void EmptyLogPath_IsAnError()
    {
        ConfigAssert.Fails("alerts:\n  log_path: ''\n", "alerts.log_path", 2, "ConfigMissingValue");
    }
}
