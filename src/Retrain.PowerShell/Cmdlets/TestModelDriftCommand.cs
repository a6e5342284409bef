using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Tests whether the current data has drifted away from the reference data.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ModelDrift", DefaultParameterSetName = PathPath)]
[OutputType(typeof(DriftReport), typeof(bool))]
public sealed class TestModelDriftCommand : RetrainCmdlet
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
        _reference ??= new RecordDatasetBuilder("reference pipeline input", ReadOptions());
        foreach (var item in ReferenceData)
        {
            if (item is not null)
                Invoke(() => { ObjectRecords.AddTo(_reference, item); return 0; });
        }
    }

    protected override void EndProcessing()
    {
        var reference = _reference is not null ? Invoke(_reference.Build) : Read(ReferencePath);
        var current = ParameterSetName.EndsWith("CurrentData", StringComparison.Ordinal) ? FromObjects(CurrentData, "current input") : Read(CurrentPath);
        (reference, current) = Invoke(() => DriftWindows.Apply(reference, current, Options.DriftDetection, Options.Pipeline, AsOf));
        var target = TargetColumn ?? Options.Data.TargetColumn;
        var features = Invoke(() => FeatureSelection.Resolve(Options.Data, target, Feature, reference, current));
        WriteVerbose($"Testing {features.Count} features: {reference.RowCount} reference rows ({reference.Source}) against {current.RowCount} current rows ({current.Source}).");
        var detector = new DataDriftDetector(Options.DriftDetection);
        var report = InvokeWithProgress((progress, cancel) => detector.Detect(reference, current, features, progress, cancel));
        Invoke(() => DriftReportLogger.Log(Store, report));
        WriteVerbose($"Logged as run {report.RunId} of experiment drift_monitoring in {Store.Location}.");
        if (Quiet)
            WriteObject(report.DriftDetected);
        else
            WriteObject(report);
    }

    private DatasetReadOptions ReadOptions() => new() { TimestampColumn = TimestampColumn ?? Options.Data.TimestampColumn };

    private Dataset Read(string path)
    {
        var fullPath = ResolvePath(path);
        return Invoke(() => DatasetReader.Read(fullPath, ReadOptions()));
    }

    private Dataset FromObjects(PSObject[] items, string source)
    {
        var builder = new RecordDatasetBuilder(source, ReadOptions());
        foreach (var item in items)
        {
            if (item is not null)
                Invoke(() => { ObjectRecords.AddTo(builder, item); return 0; });
        }
        return Invoke(builder.Build);
    }
}
