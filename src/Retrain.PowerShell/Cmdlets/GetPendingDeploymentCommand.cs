using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Lists the versions that wait for approval: who asked, when, why, and until when.</summary>
[Cmdlet(VerbsCommon.Get, "PendingDeployment")]
[OutputType(typeof(PendingDeployment))]
public sealed class GetPendingDeploymentCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    public SwitchParameter IncludeExpired { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is null)
        {
            WriteObject(Invoke(() => Approval.Pending(Store, null, DateTimeOffset.UtcNow, IncludeExpired)), enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            TryInvoke(() =>
            {
                Store.ListVersions(name); // an unknown model is an error naming it, not an empty list
                WriteObject(Approval.Pending(Store, name, DateTimeOffset.UtcNow, IncludeExpired), enumerateCollection: true);
            });
        }
    }
}
