using System.Management.Automation;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets the history of a run's metrics: every logged value, by step.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainMetric")]
[OutputType(typeof(RunMetric))]
public sealed class GetRetrainMetricCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RunId { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in RunId)
        {
            TryInvoke(() =>
            {
                var keys = Store.GetRun(id).Metrics.Keys.Order(StringComparer.Ordinal).ToArray();
                foreach (var key in Name is null ? keys : Name.SelectMany(n => Matching(n, keys)).Distinct(StringComparer.Ordinal))
                    WriteObject(Store.GetMetricHistory(id, key).Select(p => RunMetric.From(id, p)), enumerateCollection: true);
            });
        }
    }

    /// <summary>A wildcard matches logged keys; an exact name passes through (a key never logged has no points, as in MLflow).</summary>
    private static IEnumerable<string> Matching(string name, string[] keys) => WildcardPattern.ContainsWildcardCharacters(name)
        ? keys.Where(WildcardPattern.Get(name, WildcardOptions.IgnoreCase).IsMatch)
        : new[] { name };
}
