using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Lists every stage change of a model's versions: promotions, rollbacks and other moves, with who, where, when and why.</summary>
[Cmdlet(VerbsCommon.Get, "DeploymentHistory")]
[OutputType(typeof(DeploymentHistoryEntry))]
public sealed class GetDeploymentHistoryCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    public DateTime? After { get; set; }

    [Parameter]
    public DateTime? Before { get; set; }

    protected override void ProcessRecord()
    {
        DateTimeOffset? after = After is DateTime a ? new DateTimeOffset(a.ToUniversalTime()) : null;
        DateTimeOffset? before = Before is DateTime b ? new DateTimeOffset(b.ToUniversalTime()) : null;
        if (Name is null)
        {
            WriteObject(Invoke(() => DeploymentHistory.Read(Store, null, after, before)), enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            TryInvoke(() =>
            {
                Store.ListVersions(name); // an unknown model is an error naming it, not an empty history
                WriteObject(DeploymentHistory.Read(Store, name, after, before), enumerateCollection: true);
            });
        }
    }
}
