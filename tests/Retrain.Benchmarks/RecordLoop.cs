using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Store.FileStore;

namespace Retrain.Benchmarks;

/// <summary>
/// `record-loop store-folder model data-file pause-ms seed`: loads the model's Production version with its shadow and
/// canary (what Invoke-ModelPrediction -Record loads), prints "ready", then scores the file's rows and records them in
/// the prediction log over and over until killed, printing "ok &lt;batch&gt; &lt;entries&gt;" per batch and pausing up to
/// pause-ms between batches. For the SIGKILL test of recording (tests/Retrain.Module.Tests/Deployment.Recording.Tests.ps1):
/// a process of its own, cheaper to start than PowerShell with the module.
/// </summary>
internal static class RecordLoop
{
    public static int Run(string[] args)
    {
        string folder = args[0], model = args[1], dataPath = args[2];
        int pause = int.Parse(args[3], CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(args[4], CultureInfo.InvariantCulture));
        RetrainOptions options = ConfigurationLoader.Defaults();
        using var store = new FileRetrainStore(folder);
        using var scoring = DeployedScoring.Load(store, $"models:/{model}/Production", Path.GetDirectoryName(Path.GetFullPath(dataPath))!);
        Dataset data = DatasetReader.Read(dataPath, new DatasetReadOptions
        {
            LabelColumns = scoring.GroupColumns.Append(options.Data.GroupColumn!).Distinct().ToArray(),
            OptionalColumns = [TrainingWorkflow.DefaultOrderColumn],
        });
        Console.WriteLine("ready");
        Console.Out.Flush();
        while (true)
        {
            DeployedPredictions scored = scoring.Score(store, options.Data, data, record: true);
            Console.WriteLine($"ok {scored.Batch!.BatchId} {scored.Batch.Entries.ToString(CultureInfo.InvariantCulture)}");
            Console.Out.Flush();
            if (pause > 0)
                Thread.Sleep(random.Next(pause + 1));
        }
    }
}
