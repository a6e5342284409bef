namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// A test-only pause between the internal steps of a registry change (after the event line is on disk, before the head
/// and checkpoint follow), so the kill tests land in those windows often instead of almost never. Set by the environment
/// variable RETRAIN_TEST_STEP_DELAY_MS; unset (the default) it costs one read of the variable per process.
/// </summary>
internal static class StepDelay
{
    private static readonly int Milliseconds =
        int.TryParse(Environment.GetEnvironmentVariable("RETRAIN_TEST_STEP_DELAY_MS"), out int ms) && ms > 0 ? Math.Min(ms, 10_000) : 0;

    public static void Pause()
    {
        if (Milliseconds > 0)
            Thread.Sleep(Milliseconds);
    }
}
