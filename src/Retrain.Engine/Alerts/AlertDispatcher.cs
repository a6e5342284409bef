using Retrain.Engine.Configuration;

namespace Retrain.Engine.Alerts;

/// <summary>
/// Sends an alert to what the <c>alerts</c> section names: the webhook (a JSON POST, retried on transient failures,
/// bounded by alerts.timeout_seconds) and the log file (a JSON line). A dead, refusing or slow webhook and an unwritable
/// log file never throw and never stall past the timeout: each target's outcome is an <see cref="AlertDelivery"/>,
/// for the run to record.
/// </summary>
public static class AlertDispatcher
{
    /// <summary>Whether <paramref name="options"/> sends alerts of this event at all (enabled, listed in alerts.on, a target set).</summary>
    public static bool Sends(AlertsOptions options, AlertEvent alertEvent)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled
            && (!string.IsNullOrWhiteSpace(options.WebhookUrl) || !string.IsNullOrWhiteSpace(options.LogPath))
            && options.On.Any(name => AlertEvents.TryExpand(name, out var events) && events.Contains(alertEvent));
    }

    /// <summary>
    /// Sends <paramref name="message"/> to every configured target, all at once, and returns one delivery per target
    /// (webhook first, then the log file). Empty when nothing is sent: alerts are disabled, the event is not in
    /// alerts.on, or no target is configured (see <see cref="Sends"/>). <paramref name="baseDirectory"/> is where a
    /// relative alerts.log_path resolves (<see cref="RetrainOptions.BaseDirectory"/>). Cancelling ends a webhook
    /// delivery as not delivered ("cancelled"); it does not throw.
    /// </summary>
    public static async Task<IReadOnlyList<AlertDelivery>> SendAsync(AlertsOptions options, string baseDirectory, AlertMessage message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(message);
        if (!Sends(options, message.Event))
            return Array.Empty<AlertDelivery>();

        byte[] json = AlertJson.Serialize(message);
        var deliveries = new List<Task<AlertDelivery>>(2);
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            deliveries.Add(WebhookAddress.TryParse(options.WebhookUrl) is WebhookAddress address
                ? WebhookSender.SendAsync(address, json, message.Event, options, cancellationToken)
                : Task.FromResult(Refused(message.Event)));
        }
        if (!string.IsNullOrWhiteSpace(options.LogPath))
        {
            string? path = LogFilePath(options.LogPath, baseDirectory, out string? pathError);
            deliveries.Add(path is not null
                ? Task.Run(() => AlertLog.Append(path, json, message.Event), CancellationToken.None)
                : Task.FromResult(new AlertDelivery
                {
                    Kind = AlertTargetKind.LogFile, Target = options.LogPath, Event = message.Event, Delivered = false, Attempts = 0,
                    Error = pathError, Elapsed = TimeSpan.Zero,
                }));
        }
        return await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="SendAsync"/> for callers that are not asynchronous (a cmdlet's ProcessRecord). It runs on the thread
    /// pool, so a caller's synchronization context cannot deadlock it.
    /// </summary>
    public static IReadOnlyList<AlertDelivery> Send(AlertsOptions options, string baseDirectory, AlertMessage message,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => SendAsync(options, baseDirectory, message, cancellationToken), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The full path of alerts.log_path, resolved against the configuration's folder as other paths are.</summary>
    internal static string? LogFilePath(string logPath, string baseDirectory, out string? error)
    {
        try
        {
            error = null;
            return Path.GetFullPath(Path.Combine(baseDirectory, logPath));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"alerts.log_path is not a usable path: {e.Message}";
            return null;
        }
    }

    private static AlertDelivery Refused(AlertEvent alertEvent) => new()
    {
        Kind = AlertTargetKind.Webhook,
        Target = WebhookAddress.Unparsable,
        Event = alertEvent,
        Delivered = false,
        Attempts = 0,
        Error = "alerts.webhook_url is not an absolute http(s) URL; nothing was sent",
        Elapsed = TimeSpan.Zero,
    };
}
