using System.Globalization;
using Retrain.Engine;
using Retrain.Engine.Configuration;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store.FileStore;

namespace Retrain.Benchmarks;

/// <summary>
/// `deploy-loop store-folder model versions seconds seed`: publishes a random version of the model or rolls back, over
/// and over for the given seconds (0: until killed), through the same workflow the cmdlets call, and prints one line
/// per outcome: "ok &lt;event&gt; &lt;status&gt; &lt;version&gt;" for a change that returned, "refused &lt;error id&gt;" for a typed
/// refusal. For the deployment tests' concurrent writers and SIGKILLs (tests/Retrain.Module.Tests/Deployment.Guarantees.Tests.ps1):
/// a process of its own, cheaper to start than PowerShell with the module.
/// </summary>
internal static class DeployLoop
{
    public static int Run(string[] args)
    {
        string folder = args[0], model = args[1];
        int versions = int.Parse(args[2], CultureInfo.InvariantCulture);
        double seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(args[4], CultureInfo.InvariantCulture));
        RetrainOptions options = ConfigurationLoader.Defaults();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine("ready");
        Console.Out.Flush();
        while (seconds <= 0 || clock.Elapsed.TotalSeconds < seconds)
        {
            using var store = new FileRetrainStore(folder);
            try
            {
                var record = random.Next(3) == 0
                    ? DeploymentWorkflow.Rollback(store, options, model, reason: "loop")
                    : DeploymentWorkflow.Publish(store, options, ModelUri.Parse($"models:/{model}/{random.Next(1, versions + 1)}"), reason: "loop");
                Console.WriteLine($"ok {record.EventSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"} {record.DeploymentStatus} {record.ModelVersion}");
            }
            catch (RetrainException e)
            {
                Console.WriteLine($"refused {e.ErrorId}");
            }
            Console.Out.Flush();
        }
        return 0;
    }
}
