using Retrain.Engine.Configuration;

namespace Retrain.Engine.Alerts;

/// <summary>
/// What happened, in the words an alert carries (<c>drift_detected</c>, <c>retrained</c>, ...: <see cref="AlertEvents.Name"/>).
/// </summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum AlertEvent : long
{
    /// <summary>A scheduled check found data or concept drift.</summary>
    DriftDetected,

    /// <summary>A challenger won the comparison and was registered, not deployed (auto_deploy and require_approval off).</summary>
    Retrained,

    /// <summary>A challenger was deployed (published to Production, or a canary/shadow started).</summary>
    Deployed,

    /// <summary>A challenger won and waits for Approve-ModelDeployment (pipeline.require_approval).</summary>
    PendingApproval,

    /// <summary>The production model regressed since its deployment and was rolled back.</summary>
    RolledBack,

    /// <summary>A step of the run threw; the run ended Failed.</summary>
    Failed,
}

/// <summary>
/// The one place that names alert events and reads <c>alerts.on</c>: the event names, and the older group names
/// (<c>drift</c>, <c>deployment</c>, <c>failure</c>) that still select them.
/// </summary>
public static class AlertEvents
{
    /// <summary>
    /// The names alerts.on accepted before the events were split, and what each selects now. No older name selects
    /// <see cref="AlertEvent.Retrained"/>: list <c>retrained</c> to be told of a model registered but not deployed.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AlertEvent>> LegacyNames { get; } =
        new Dictionary<string, IReadOnlyList<AlertEvent>>(StringComparer.Ordinal)
        {
            ["drift"] = new[] { AlertEvent.DriftDetected },
            ["deployment"] = new[] { AlertEvent.Deployed, AlertEvent.PendingApproval, AlertEvent.RolledBack },
            ["failure"] = new[] { AlertEvent.Failed },
        };

    /// <summary>Every event, in declaration order.</summary>
    public static IReadOnlyList<AlertEvent> All { get; } = Enum.GetValues<AlertEvent>();

    /// <summary>The event's name in alerts and in alerts.on: <c>drift_detected</c>, <c>pending_approval</c>, ...</summary>
    public static string Name(AlertEvent alertEvent) => KeyNames.ToSnakeCase(alertEvent.ToString());

    /// <summary>The names alerts.on accepts, for messages: the event names, then the older group names.</summary>
    public static string AllowedNames =>
        string.Join(", ", All.Select(Name)) + "; or the older groups " + string.Join(", ", LegacyNames.Keys);

    /// <summary>
    /// The events one alerts.on entry selects: an event name (case, '_' and '-' ignored, as for other enum values of
    /// the file) or an older group name. False for anything else.
    /// </summary>
    public static bool TryExpand(string name, out IReadOnlyList<AlertEvent> events)
    {
        string wanted = name.Trim().ToLowerInvariant();
        if (LegacyNames.TryGetValue(wanted, out var group))
        {
            events = group;
            return true;
        }
        if (KeyNames.TryParseEnum(typeof(AlertEvent), name, out object? value))
        {
            events = new[] { (AlertEvent)value! };
            return true;
        }
        events = Array.Empty<AlertEvent>();
        return false;
    }

    /// <summary>
    /// The events a list of alerts.on entries selects (each once, in declaration order). Throws
    /// <see cref="ArgumentException"/> on an unknown entry; a loaded configuration has none (the loader rejects them).
    /// </summary>
    public static IReadOnlyList<AlertEvent> Expand(IEnumerable<string> names)
    {
        var set = new HashSet<AlertEvent>();
        foreach (string name in names)
        {
            if (!TryExpand(name, out var events))
                throw new ArgumentException($"'{name}' is not an alert event; allowed: {AllowedNames}.", nameof(names));
            set.UnionWith(events);
        }
        return All.Where(set.Contains).ToArray();
    }
}
