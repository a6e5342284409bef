using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Refuses a version that waits for approval: it goes to Archived, with the reason.</summary>
[Cmdlet(VerbsLifecycle.Deny, "ModelDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(DeploymentRecord))]
public sealed class DenyModelDeploymentCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int Version { get; set; }

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Reason { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string name = ModelNameOrDefault(Name);
        TryInvoke(() =>
        {
            PendingDeployment request = Approval.RequireOpen(Store, name, Version, DateTimeOffset.UtcNow, allowExpired: true);
            if (!ConfirmChange(request.ModelUri, $"Deny ({request.Describe()}; the version goes to Archived)", force: Force))
                return;
            WriteObject(DeploymentWorkflow.Deny(Store, Options, name, Version, Reason));
        });
    }
}
