using Retrain.Benchmarks;
using Retrain.Benchmarks.Speed;

// dotnet run --project tests/Retrain.Benchmarks -c Release -- quality | tune | bench [options]
// (build.ps1 Bench runs `bench` with the built module, pwsh and Python; see BenchSettings for the options).
switch (args.FirstOrDefault())
{
    case "quality":
        new QualityTable(Console.WriteLine).PrintQualityTable();
        return 0;
    case "tune":
        new QualityTable(Console.WriteLine).TuneWindowOnValidationUnits();
        return 0;
    case "bench":
        return new SpeedBench(BenchSettings.Parse(args[1..]), Console.WriteLine).Run();
    case "sortcheck":
        return SortCheck.Run();
    case "csv-write":
        return CsvDiagnostics.Write(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    case "csv-read":
        return CsvDiagnostics.Read(args[1]);
    case "drift-memory":
        return DriftMemory.Run(args[1..]);
    case "hold-run":
        return HoldRun.Run(args[1..]);
    case "deploy-loop":
        return DeployLoop.Run(args[1..]);
    case "record-loop":
        return RecordLoop.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: Retrain.Benchmarks quality | tune | bench [--smoke] [--out dir] [--case a,b] ... | sortcheck | csv-write path rows | csv-read path | drift-memory ref cur features refRows curRows | hold-run store experiment | deploy-loop store model versions seconds seed | record-loop store model data pause-ms seed");
        return 2;
}
