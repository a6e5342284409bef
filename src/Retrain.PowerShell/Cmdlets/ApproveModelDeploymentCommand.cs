using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Publishes a version that waits for approval, recording the approver and who asked.</summary>
[Cmdlet(VerbsLifecycle.Approve, "ModelDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(DeploymentRecord))]
public sealed class ApproveModelDeploymentCommand : RetrainCmdlet
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

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string name = ModelNameOrDefault(Name);
        TryInvoke(() =>
        {
            // Checked before asking, so -WhatIf and the prompt say who asked and why (or why nothing waits).
            PendingDeployment request = Approval.RequireOpen(Store, name, Version, DateTimeOffset.UtcNow, allowExpired: false);
            int? current = Store.GetVersionByStage(name, ModelStage.Production)?.Version;
            string replaced = current is int c ? $"version {c}, in Production now, is archived in the same change" : "no version is in Production now";
            if (!ConfirmChange(request.ModelUri, $"Approve and publish to Production ({request.Describe()}; {replaced})", force: Force))
                return;
            WriteObject(DeploymentWorkflow.Approve(Store, Options, name, Version, Reason));
        });
    }
}
