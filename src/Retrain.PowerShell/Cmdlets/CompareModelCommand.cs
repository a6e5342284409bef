using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// Compares a challenger model with the champion on labelled test data and recommends whether to promote it; with
/// -Shadow, compares Production with its shadow on the predictions both logged, joined to outcomes that arrived later.
/// </summary>
[Cmdlet(VerbsData.Compare, "Model", DefaultParameterSetName = FromPath)]
[OutputType(typeof(ComparisonReport))]
public sealed class CompareModelCommand : DataReadingCmdlet
{
    private const string FromPath = "Path";
    private const string FromObjects = "Data";
    private const string ShadowFromPath = "ShadowPath";
    private const string ShadowFromObjects = "ShadowData";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = FromPath)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = FromObjects)]
    [Parameter(ParameterSetName = ShadowFromPath)]
    [Parameter(ParameterSetName = ShadowFromObjects)]
    [Alias("Uri", "NewModelUri")]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string ChallengerUri { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FromPath)]
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = FromObjects)]
    [Parameter(ParameterSetName = ShadowFromPath)]
    [Parameter(ParameterSetName = ShadowFromObjects)]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ChampionUri { get; set; }

    /// <summary>With -Shadow: the model (default: deployment.model_name, or the model of -ChampionUri or -ChallengerUri).</summary>
    [Parameter(ParameterSetName = ShadowFromPath)]
    [Parameter(ParameterSetName = ShadowFromObjects)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Compares Production with its shadow on the prediction log instead of scoring test data.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ShadowFromPath)]
    [Parameter(Mandatory = true, ParameterSetName = ShadowFromObjects)]
    public SwitchParameter Shadow { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FromPath)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ShadowFromPath)]
    [ValidateNotNullOrEmpty]
    public string TestPath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = FromObjects)]
    [Parameter(Mandatory = true, ParameterSetName = ShadowFromObjects)]
    public PSObject[] TestData { get; set; } = Array.Empty<PSObject>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetColumn { get; set; }

    /// <summary>With -Shadow: only predictions logged at or after this time.</summary>
    [Parameter(ParameterSetName = ShadowFromPath)]
    [Parameter(ParameterSetName = ShadowFromObjects)]
    public DateTime? After { get; set; }

    /// <summary>With -Shadow: only predictions logged before this time.</summary>
    [Parameter(ParameterSetName = ShadowFromPath)]
    [Parameter(ParameterSetName = ShadowFromObjects)]
    public DateTime? Before { get; set; }

    [Parameter]
    public SwitchParameter NoLog { get; set; }

    private Dataset? _test;

    private bool FromFile => ParameterSetName is FromPath or ShadowFromPath;

    protected override void ProcessRecord()
    {
        // Test data is read once, however many challengers arrive on the pipeline.
        // Every column, tolerantly (either model may need any); the unit and segment columns as categories (text ids allowed).
        var plan = ReadPlan(null, TargetColumn, null, readAll: true, null, Options.ModelComparison.SegmentColumn);
        _test ??= FromFile ? ReadDataset(TestPath, plan) : DatasetFromObjects(TestData, "test input", plan);
        var test = _test;
        string? challenger = MyInvocation.BoundParameters.ContainsKey(nameof(ChallengerUri)) ? ResolveModelUri(ChallengerUri) : null;
        string? champion = ChampionUri is null ? null : ResolveModelUri(ChampionUri);
        var report = InvokeWithProgress((progress, cancel) => Shadow.IsPresent
            ? ShadowComparison.Compare(Store, Options, test, Name, champion, challenger, TargetColumn, Utc(After), Utc(Before), progress, cancel, log: !NoLog)
            : ModelComparison.Compare(Store, Options, challenger!, champion, test, TargetColumn, progress, cancel, log: !NoLog));
        foreach (var warning in report.Warnings)
            WriteWarning(warning);
        if (report.ShadowJoin is { } join)
            WriteVerbose($"Prediction log: {join}.");
        WriteVerbose(report.Recommendation);
        WriteObject(report);
    }

    private static DateTimeOffset? Utc(DateTime? time) => time is DateTime t ? new DateTimeOffset(t.ToUniversalTime()) : null;
}
