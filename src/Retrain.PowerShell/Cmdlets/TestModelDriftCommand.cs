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

    private RecordDatasetBuilder? _reference;

    protected override void ProcessRecord()
    {
        if (!ParameterSetName.StartsWith("ReferenceData", StringComparison.Ordinal))
            return;
        _reference ??= new RecordDatasetBuilder("reference pipeline input", ReadOptions(TimestampColumn));
        foreach (var item in ReferenceData)
            AddRecord(_reference, item);
    }

    protected override void EndProcessing()
    {
        var readOptions = ReadOptions(TimestampColumn);
        var reference = _reference is not null ? Invoke(_reference.Build) : ReadDataset(ReferencePath, readOptions);
        var current = ParameterSetName.EndsWith("CurrentData", StringComparison.Ordinal)
            ? DatasetFromObjects(CurrentData, "current input", readOptions)
            : ReadDataset(CurrentPath, readOptions);
        (reference, current) = Invoke(() => DriftWindows.Apply(reference, current, Options.DriftDetection, Options.Pipeline, AsOf));
        var target = TargetColumn ?? Options.Data.TargetColumn;
        var features = Invoke(() => FeatureSelection.Resolve(Options.Data, target, Feature, reference, current));
        WriteVerbose($"Testing {features.Count} features: {reference.RowCount} reference rows ({reference.Source}) against {current.RowCount} current rows ({current.Source}).");
        var detector = new DataDriftDetector(Options.DriftDetection);
        var report = InvokeWithProgress((progress, cancel) =>
        {
            var concept = ConceptDriftCheck.Assess(Store, Options, reference, current, target, ModelUri is null ? null : ResolveModelUri(ModelUri), progress);
            return detector.Detect(reference, current, features, concept, progress, cancel);
        });
        if (!report.ConceptDriftAssessed)
            WriteVerbose($"Concept drift not assessed: {report.ConceptNote}");
        Invoke(() => DriftReportLogger.Log(Store, report));
        WriteVerbose($"Logged as run {report.RunId} of experiment drift_monitoring in {Store.Location}.");
        if (Quiet)
            WriteObject(report.DriftDetected);
        else
            WriteObject(report);
    }
}
