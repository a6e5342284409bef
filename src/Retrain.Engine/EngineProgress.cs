namespace Retrain.Engine;

/// <summary>
/// A progress or diagnostic message from long engine work. The engine may report from worker
/// threads; the PowerShell layer relays these on the pipeline thread as progress, verbose and warning records.
/// </summary>
public readonly record struct EngineProgress(string Activity, string Status, int PercentComplete, string? Verbose = null, string? Warning = null)
{
    public static EngineProgress Say(string activity, string verbose) => new(activity, string.Empty, -1, verbose);

    /// <summary>Something the user should know about a result that is still produced (e.g. a split that leaks).</summary>
    public static EngineProgress Warn(string activity, string warning) => new(activity, string.Empty, -1, null, warning);
}
