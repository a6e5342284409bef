using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;

namespace Retrain.Benchmarks;

/// <summary>
/// `hold-run store-folder experiment`: a small process that starts a tracked run, prints its id and waits to be
/// killed, for the tests of what a killed run leaves (tests/Retrain.Module.Tests/Hardening.Leftovers.Tests.ps1):
/// starting this costs a fraction of starting PowerShell with the module, so a test can kill many.
/// </summary>
internal static class HoldRun
{
    public static int Run(string[] args)
    {
        using var store = new FileRetrainStore(args[0]);
        return TrackedRun.Execute(store, args[1], "held until killed", null, run =>
        {
            Console.WriteLine(run.RunId);
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }).Result;
    }
}
