namespace Retrain.Engine.Alerts;

/// <summary>Where an alert goes.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum AlertTargetKind : long
{
    /// <summary>alerts.webhook_url: a JSON POST.</summary>
    Webhook,

    /// <summary>alerts.log_path: one JSON line appended to a file.</summary>
    LogFile,
}

/// <summary>
/// How sending one alert to one target went; the pipeline records these in its run. Never holds a secret:
/// <see cref="Target"/> and <see cref="Error"/> show a webhook as scheme, host and port only.
/// </summary>
public sealed record AlertDelivery
{
    public required AlertTargetKind Kind { get; init; }

    /// <summary>The webhook without user info, path or query (<c>https://hooks.example.com/…</c>), or the log file's full path.</summary>
    public required string Target { get; init; }

    public required AlertEvent Event { get; init; }

    public required bool Delivered { get; init; }

    /// <summary>Attempts made (1 when the first succeeded or failed for good; up to 1 + alerts.retries).</summary>
    public required int Attempts { get; init; }

    /// <summary>The HTTP status of the last response (null for the log file, or when no response came).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why it was not delivered (null when it was).</summary>
    public string? Error { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
