using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Training;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Scores rows with a model given by URI; each row comes back with its prediction and the model version.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelPrediction", DefaultParameterSetName = FromObjects)]
[OutputType(typeof(PSObject))]
public sealed class InvokeModelPredictionCommand : DataReadingCmdlet
{
    private const string FromObjects = "Data";
    private const string FromPath = "Path";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri")]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ModelUri { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObjects)]
    public PSObject[] Data { get; set; } = Array.Empty<PSObject>();

    [Parameter(Mandatory = true, ParameterSetName = FromPath)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    private readonly List<PSObject> _rows = new();

    protected override void ProcessRecord()
    {
        // Rows are kept: window features look back over each unit's earlier rows.
        if (ParameterSetName == FromObjects)
            _rows.AddRange(Data.Where(d => d is not null));
    }

    protected override void EndProcessing()
    {
        var uri = ModelUri is null ? $"models:/{Options.Deployment.ModelName}/Production" : ResolveModelUri(ModelUri);
        var resolved = Invoke(() => ModelResolver.Resolve(uri, Store, SessionState.Path.CurrentFileSystemLocation.ProviderPath));
        using var predictor = Invoke(() => ModelPredictor.Load(resolved));
        // A file's rows come back whole; from objects only the model's columns are read, so other properties may be anything.
        var labels = new[] { predictor.Manifest.GroupColumn }.OfType<string>().ToArray();
        var data = ParameterSetName == FromPath
            ? ReadDataset(Path, ReadOptions() with { LabelColumns = labels })
            : DatasetFromObjects(_rows, "prediction input", ReadOptions(onlyColumns: predictor.Manifest.RequiredColumns) with { LabelColumns = labels });
        var predictions = Invoke(() => predictor.Predict(data));
        var producedBy = resolved.Version?.Uri ?? resolved.Uri;
        WriteVerbose($"Scored {data.RowCount} rows with {producedBy} ({predictor.Manifest.Trainer}).");
        for (int r = 0; r < predictions.Length; r++)
        {
            var row = ParameterSetName == FromPath ? RowObject(data, r) : _rows[r].Copy();
            Set(row, "Prediction", predictions[r]);
            Set(row, "ModelVersion", producedBy);
            WriteObject(row);
        }
    }

    private static PSObject RowObject(Dataset data, int row)
    {
        var obj = new PSObject();
        if (data.Timestamps is { } ts)
            obj.Properties.Add(new PSNoteProperty(data.TimestampColumn ?? "timestamp", ts[row]));
        foreach (var column in data.ColumnNames)
            obj.Properties.Add(new PSNoteProperty(column, data.Value(column, row))); // text columns (unit ids) as text
        return obj;
    }

    private static void Set(PSObject obj, string name, object value)
    {
        if (obj.Properties[name] is not null)
            obj.Properties.Remove(name);
        obj.Properties.Add(new PSNoteProperty(name, value));
    }
}
