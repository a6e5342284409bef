using Retrain.Benchmarks;

// dotnet run --project tests/Retrain.Benchmarks -c Release -- quality | tune
var table = new QualityTable(Console.WriteLine);
switch (args.FirstOrDefault())
{
    case "quality":
        table.PrintQualityTable();
        return 0;
    case "tune":
        table.TuneWindowOnValidationUnits();
        return 0;
    default:
        Console.Error.WriteLine("usage: Retrain.Benchmarks quality | tune");
        return 2;
}
