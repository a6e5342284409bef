using System.Globalization;
using System.Text;

namespace Retrain.Engine.Alerts;

/// <summary>
/// One alert: what happened to which model, the versions involved, a few key figures and why. The webhook body and
/// the alert log line are this object in JSON (snake_case names, the event by its name, e.g. <c>drift_detected</c>).
/// </summary>
public sealed record AlertMessage
{
    public required AlertEvent Event { get; init; }

    /// <summary>The registered model the alert is about.</summary>
    public required string ModelName { get; init; }

    /// <summary>The version the run produced (the challenger), when it produced one.</summary>
    public int? NewVersion { get; init; }

    /// <summary>The version it was compared against.</summary>
    public int? ChampionVersion { get; init; }

    /// <summary>The version in Production after the event (after a rollback: the one restored).</summary>
    public int? ProductionVersion { get; init; }

    /// <summary>
    /// A few numbers a reader acts on, by snake_case name (e.g. <c>drift_share</c>, <c>champion_mae</c>,
    /// <c>challenger_mae</c>, <c>improvement_pct</c>). A value that is not finite is written as null.
    /// </summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>Why: the trigger (drift, a manual -Reason) or, for <see cref="AlertEvent.Failed"/>, the error.</summary>
    public string? Reason { get; init; }

    /// <summary>The pipeline run the alert comes from.</summary>
    public string? RunId { get; init; }

    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    public string Machine { get; init; } = Environment.MachineName;

    /// <summary>Where the full report is (a file path or URL), when there is one.</summary>
    public string? Report { get; init; }

    /// <summary>
    /// One line for people, sent as the body's <c>text</c> field (which chat webhooks such as Slack's show):
    /// "Retrain deployed: predictive_maintenance_model (new v3, champion v2, production v3): drift in s2, s7".
    /// </summary>
    public string Text
    {
        get
        {
            var sb = new StringBuilder("Retrain ").Append(AlertEvents.Name(Event)).Append(": ").Append(ModelName);
            var versions = new[] { ("new", NewVersion), ("champion", ChampionVersion), ("production", ProductionVersion) }
                .Where(v => v.Item2 is not null)
                .Select(v => $"{v.Item1} v{v.Item2!.Value.ToString(CultureInfo.InvariantCulture)}")
                .ToList();
            if (versions.Count > 0)
                sb.Append(" (").AppendJoin(", ", versions).Append(')');
            if (!string.IsNullOrWhiteSpace(Reason))
                sb.Append(": ").Append(Reason);
            return sb.ToString();
        }
    }
}
