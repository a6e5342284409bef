using System.Collections;
using System.Management.Automation;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets tracked runs, newest first, filtered by experiment, status, time and tags.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainRun", DefaultParameterSetName = Search)]
[OutputType(typeof(Run))]
public sealed class GetRetrainRunCommand : RetrainCmdlet
{
    private const string Search = "Search";
    private const string ById = "RunId";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] RunId { get; set; } = Array.Empty<string>();

    // No alias ExperimentName: a Run has that property, and a piped run must bind its RunId, not its experiment.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = Search)]
    [ArgumentCompleter(typeof(ExperimentNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Experiment { get; set; }

    [Parameter(ParameterSetName = Search)]
    [ValidateEngineEnum(EngineEnums.RunStatus)]
    [ArgumentCompleter(typeof(RunStatusCompleter))]
    public string? Status { get; set; }

    [Parameter(ParameterSetName = Search)]
    public DateTimeOffset? After { get; set; }

    [Parameter(ParameterSetName = Search)]
    public DateTimeOffset? Before { get; set; }

    [Parameter(ParameterSetName = Search)]
    public Hashtable? Tag { get; set; }

    [Parameter(ParameterSetName = Search)]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    // Experiments piped in (Get-RetrainExperiment drift* | Get-RetrainRun -First 5) are searched together at the end,
    // so -First and the newest-first order apply to all of them, not to each experiment in turn.
    private readonly List<string> _experiments = new();
    private bool _anyExperiment = true;
    private bool _gotInput;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ById)
        {
            foreach (var id in RunId)
                TryInvoke(() => WriteObject(Store.GetRun(id)));
            return;
        }
        _gotInput = true;
        if (Experiment is null)
            return;
        _anyExperiment = false;
        _experiments.AddRange(Experiment.Where(e => !_experiments.Contains(e, StringComparer.Ordinal)));
    }

    protected override void EndProcessing()
    {
        // An empty pipeline (Get-RetrainExperiment nomatch* | Get-RetrainRun) finds nothing, not every run.
        if (ParameterSetName == ById || (MyInvocation.ExpectingInput && !_gotInput))
            return;
        var query = new RunQuery
        {
            ExperimentNames = _anyExperiment ? null : _experiments,
            Status = Status is null ? null : Enum.Parse<RunStatus>(Status, ignoreCase: true),
            StartedAfter = After,
            StartedBefore = Before,
            Tags = TagTable.ToDictionary(Tag),
            MaxResults = First,
        };
        WriteObject(Invoke(() => Store.SearchRuns(query)), enumerateCollection: true);
    }
}
