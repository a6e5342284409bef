using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// Scores rows with a model given by URI; each row comes back with its prediction and the model version, and with the
/// shadow's prediction when the model is the Production version of a model with a shadow; with a canary, the rows of
/// the equipment routed to it get the canary's prediction and version. -Record logs them.
/// </summary>
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

    /// <summary>Logs both predictions of every row (Production's and the shadow's) in the prediction log. Default: deployment.record_predictions.</summary>
    [Parameter]
    public SwitchParameter Record { get; set; }

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
        using var scoring = Invoke(() => DeployedScoring.Load(Store, uri, SessionState.Path.CurrentFileSystemLocation.ProviderPath));
        // -Record decides when given (also -Record:$false); else the configuration, for what serves (the Production version).
        bool record = MyInvocation.BoundParameters.ContainsKey(nameof(Record)) ? Record.IsPresent : Options.Deployment.RecordPredictions && scoring.IsProduction;
        // A file's rows come back whole; from objects only the models' columns are read, so other properties may be anything.
        // The unit column as categories (text ids), and the cycle when there is one: what recorded rows are keyed by.
        var labels = scoring.GroupColumns.Concat(new[] { Options.Data.GroupColumn }.OfType<string>()).ToArray();
        var read = ReadOptions(onlyColumns: ParameterSetName == FromPath ? null : scoring.RequiredColumns) with
        {
            LabelColumns = labels,
            OptionalColumns = new[] { TrainingWorkflow.DefaultOrderColumn },
        };
        var data = ParameterSetName == FromPath ? ReadDataset(Path, read) : DatasetFromObjects(_rows, "prediction input", read);
        var scored = Invoke(() => scoring.Score(Store, Options.Data, data, record));
        var manifest = scoring.Main.Predictor.Manifest;
        WriteVerbose($"Scored {data.RowCount} rows with {scored.ProducedBy} ({manifest.Trainer})" +
            (scored.ShadowVersion is { } s ? $" and its shadow {s}" : "") +
            (scored.CanaryVersion is { } c ? $"; its canary {c} served {scored.CanaryRows} of them ({scored.CanaryPercent}% of the equipment)." : "."));
        if (scored.Batch is { } batch)
            WriteVerbose($"Recorded {batch.Entries} predictions in the prediction log (batch {batch.BatchId}).");
        for (int r = 0; r < scored.Predictions.Length; r++)
        {
            var row = ParameterSetName == FromPath ? RowObject(data, r) : _rows[r].Copy();
            Set(row, "Prediction", scored.Predictions[r]);
            Set(row, "ModelVersion", scored.ServedBy?[r] ?? scored.ProducedBy);
            if (scored.ShadowPredictions is { } shadow)
            {
                Set(row, "ShadowPrediction", shadow[r]);
                Set(row, "ShadowVersion", scored.ShadowVersion!);
            }
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
