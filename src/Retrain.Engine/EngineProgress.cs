namespace Retrain.Engine;

/// <summary>
/// A progress or diagnostic message from long engine work. The engine may report from worker
/// threads; the PowerShell layer relays these on the pipeline thread as progress and verbose records.
/// </summary>
public readonly record struct EngineProgress(string Activity, string Status, int PercentComplete, string? Verbose = null)
{
    public static EngineProgress Say(string activity, string verbose) => new(activity, string.Empty, -1, verbose);
}
