using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Compares a challenger model with the champion on labelled test data and recommends whether to promote it.</summary>
[Cmdlet(VerbsData.Compare, "Model", DefaultParameterSetName = FromPath)]
[OutputType(typeof(ComparisonReport))]
public sealed class CompareModelCommand : DataReadingCmdlet
{
    private const string FromPath = "Path";
    private const string FromObjects = "Data";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri", "NewModelUri")]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string ChallengerUri { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ChampionUri { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FromPath)]
    [ValidateNotNullOrEmpty]
    public string TestPath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = FromObjects)]
    public PSObject[] TestData { get; set; } = Array.Empty<PSObject>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetColumn { get; set; }

    [Parameter]
    public SwitchParameter NoLog { get; set; }

    private Dataset? _test;

    protected override void ProcessRecord()
    {
        // Test data is read once, however many challengers arrive on the pipeline.
        // Every column, tolerantly (either model may need any); the unit and segment columns as categories (text ids allowed).
        var plan = ReadPlan(null, TargetColumn, null, readAll: true, null, Options.ModelComparison.SegmentColumn);
        _test ??= ParameterSetName == FromPath ? ReadDataset(TestPath, plan) : DatasetFromObjects(TestData, "test input", plan);
        var test = _test;
        var report = InvokeWithProgress((progress, cancel) =>
            ModelComparison.Compare(Store, Options, ResolveModelUri(ChallengerUri), ChampionUri is null ? null : ResolveModelUri(ChampionUri), test, TargetColumn, progress, cancel, log: !NoLog));
        foreach (var warning in report.Warnings)
            WriteWarning(warning);
        WriteVerbose(report.Recommendation);
        WriteObject(report);
    }
}
