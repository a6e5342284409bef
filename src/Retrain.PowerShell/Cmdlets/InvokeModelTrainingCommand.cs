using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Training;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;
using Retrain.Engine.Pipeline;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Trains a model with ML.NET, tracks the run and registers the model as a new version.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelTraining", DefaultParameterSetName = Configured, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ModelVersion))]
public sealed class InvokeModelTrainingCommand : DataReadingCmdlet
{
    private const string Configured = "ConfiguredData";
    private const string FromPath = "Path";
    private const string FromObjects = "Data";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObjects)]
    public PSObject[] TrainingData { get; set; } = Array.Empty<PSObject>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromPath)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string TrainingPath { get; set; } = string.Empty;

    [Parameter]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ModelName { get; set; }

    [Parameter]
    [ValidateEngineEnum(EngineEnums.TrainerKind)]
    [ArgumentCompleter(typeof(TrainerKindCompleter))]
    public string? Trainer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetColumn { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(FeatureNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Feature { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>
    /// <para type="description">The column of ISO 8601 date/times (default: data.timestamp_column): rows are read with their time, and only the last pipeline.training_window_days days are trained on.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TimestampColumn { get; set; }

    private RecordDatasetBuilder? _rows;

    /// <summary>Only the columns training uses are parsed: the features, target, unit and cycle (order) columns.</summary>
    private DatasetReadOptions Plan() => ReadPlan(TimestampColumn, TargetColumn, Feature, readAll: false, [TrainingWorkflow.DefaultOrderColumn]);

    protected override void ProcessRecord()
    {
        if (ParameterSetName != FromObjects)
            return;
        _rows ??= new RecordDatasetBuilder("training pipeline input", Plan());
        foreach (var item in TrainingData)
            AddRecord(_rows, item);
    }

    protected override void EndProcessing()
    {
        var data = ParameterSetName switch
        {
            FromObjects => Invoke(_rows!.Build),
            FromPath => ReadDataset(TrainingPath, Plan()),
            _ => ReadDataset(Options.Data.Path is { } p ? Path.Combine(Options.BaseDirectory, p) : throw NoData(), Plan()),
        };
        var name = ModelNameOrDefault(ModelName);
        if (!ConfirmChange($"models:/{name}", $"Train a {Trainer ?? Options.Training.Trainer.ToString()} model on {data.RowCount} rows of {data.Source} and register it"))
            return;
        TrainerKind? trainer = Trainer is null ? null : Enum.Parse<TrainerKind>(Trainer, ignoreCase: true);
        var outcome = InvokeWithProgress((progress, cancel) =>
            TrainingWorkflow.TrainAndRegister(Store, Options, data, name, Feature, TargetColumn, trainer, Description, progress: progress, cancellation: cancel));
        WriteVerbose($"Run {outcome.Run.RunId}: test {string.Join(", ", outcome.Model.Manifest.Metrics.Select(m => $"{m.Key} {m.Value:0.###}"))}.");
        WriteObject(outcome.Version);
    }

    private RetrainException NoData() => new("NoTrainingData", RetrainErrorKind.InvalidArgument,
        "No training data: pipe rows in, give -TrainingPath, or set data.path in the configuration.", "data.path");
}
