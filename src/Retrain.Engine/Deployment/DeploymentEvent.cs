using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// The registry event of a deployment change: the details it is written with, finding it again by its id, and the
/// record read back from it (the store's own sequence, time, user and machine, never a copy made before the change).
/// </summary>
internal static class DeploymentEvent
{
    public static Dictionary<string, string> Details(string kind, out string id, int trafficPercent = 100)
    {
        id = Guid.NewGuid().ToString("N");
        return new Dictionary<string, string>
        {
            [DeploymentDetails.Kind] = kind,
            [DeploymentDetails.Strategy] = nameof(DeploymentStrategy.Direct),
            [DeploymentDetails.TrafficPercent] = trafficPercent.ToString(CultureInfo.InvariantCulture),
            [DeploymentDetails.Id] = id,
        };
    }

    public static RegistryEvent Find(IModelRegistryStore store, string name, string id) =>
        store.GetEvents(name).Last(e => e.Details.GetValueOrDefault(DeploymentDetails.Id) == id);

    /// <summary><paramref name="previousVersion"/>: the version in Production before (the event's own PreviousVersion is the stage's previous holder).</summary>
    public static DeploymentRecord Record(RegistryEvent e, DeploymentStatus status, int? previousVersion) => new()
    {
        ModelName = e.ModelName,
        ModelVersion = e.Version!.Value,
        PreviousVersion = previousVersion,
        Strategy = Enum.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.Strategy), out DeploymentStrategy strategy) ? strategy : DeploymentStrategy.Direct,
        DeploymentStatus = status,
        TrafficPercent = int.TryParse(e.Details.GetValueOrDefault(DeploymentDetails.TrafficPercent), NumberStyles.None, CultureInfo.InvariantCulture, out int percent) ? percent : 0,
        RolledBackFrom = Number(e, DeploymentDetails.RolledBackFrom),
        RequestedBy = e.Details.GetValueOrDefault(DeploymentDetails.RequestedBy),
        ExpiresAt = Time(e, DeploymentDetails.ExpiresAt),
        Timestamp = e.Timestamp,
        User = e.User,
        Machine = e.Machine,
        Reason = e.Reason,
        EventSequence = e.Sequence,
    };

    public static int? Number(RegistryEvent e, string key) =>
        int.TryParse(e.Details.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    public static long? Sequence(RegistryEvent e, string key) =>
        long.TryParse(e.Details.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;

    public static DateTimeOffset? Time(RegistryEvent e, string key) =>
        DateTimeOffset.TryParse(e.Details.GetValueOrDefault(key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset t) ? t : null;

    public static string WriteTime(DateTimeOffset t) => t.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    public static string Show(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Why(string? reason) => reason is { Length: > 0 } r ? $", reason '{r}'" : "";
}
