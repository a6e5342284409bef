using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Tests whether the current data has drifted away from the reference data.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ModelDrift", DefaultParameterSetName = PathPath)]
[OutputType(typeof(DriftReport), typeof(bool))]
public sealed class TestModelDriftCommand : DataReadingCmdlet
{
    private const string PathPath = "ReferencePath-CurrentPath";
    private const string PathData = "ReferencePath-CurrentData";
    private const string DataPath = "ReferenceData-CurrentPath";
    private const string DataData = "ReferenceData-CurrentData";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DataPath)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DataData)]
    public PSObject[] ReferenceData { get; set; } = Array.Empty<PSObject>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathPath)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathData)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    public string ReferencePath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = PathData)]
    [Parameter(Mandatory = true, ParameterSetName = DataData)]
    public PSObject[] CurrentData { get; set; } = Array.Empty<PSObject>();

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathPath)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DataPath)]
    [Alias("Current")]
    [ValidateNotNullOrEmpty]
    public string CurrentPath { get; set; } = string.Empty;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetColumn { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(FeatureNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Feature { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ModelUri { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TimestampColumn { get; set; }

    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    public SwitchParameter NoLog { get; set; }

    private RecordDatasetBuilder? _reference;

    /// <summary>Every column, tolerantly (the model scored for concept drift may need any): text columns and bad cells fail only when used.</summary>
    private DatasetReadOptions Plan() => ReadPlan(TimestampColumn, TargetColumn, Feature, readAll: true);

    protected override void ProcessRecord()
    {
        if (!ParameterSetName.StartsWith("ReferenceData", StringComparison.Ordinal))
            return;
        _reference ??= new RecordDatasetBuilder("reference pipeline input", Plan());
        foreach (var item in ReferenceData)
            AddRecord(_reference, item);
    }

    protected override void EndProcessing()
    {
        var readOptions = Plan();
        var reference = _reference is not null ? Invoke(_reference.Build) : ReadDataset(ReferencePath, readOptions);
        var current = ParameterSetName.EndsWith("CurrentData", StringComparison.Ordinal)
            ? DatasetFromObjects(CurrentData, "current input", readOptions)
            : ReadDataset(CurrentPath, readOptions);
        var request = new DriftCheckRequest
        {
            Reference = reference,
            Current = current,
            TargetColumn = TargetColumn,
            Features = Feature,
            ModelUri = ModelUri is null ? null : ResolveModelUri(ModelUri),
            AsOf = AsOf,
            Log = !NoLog,
        };
        var report = InvokeWithProgress((progress, cancel) => DriftCheck.Run(Store, Options, request, progress, cancel));
        if (Quiet)
            WriteObject(report.DriftDetected);
        else
            WriteObject(report);
    }
}
