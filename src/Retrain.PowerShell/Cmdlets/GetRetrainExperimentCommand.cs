using System.Management.Automation;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets the experiments in the tracking store.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainExperiment")]
[OutputType(typeof(Experiment))]
public sealed class GetRetrainExperimentCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ExperimentNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name ?? new[] { "*" }).Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var experiments = Invoke(() => Store.ListExperiments());
        WriteObject(experiments.Where(e => patterns.Any(p => p.IsMatch(e.Name))).OrderBy(e => e.Name, StringComparer.Ordinal), enumerateCollection: true);
    }
}
