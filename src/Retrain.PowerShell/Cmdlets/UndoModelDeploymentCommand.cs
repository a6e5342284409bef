using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Rolls Production back to the version before the current one (or to -ToVersion), archiving the current one.</summary>
[Cmdlet(VerbsCommon.Undo, "ModelDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(DeploymentRecord))]
public sealed class UndoModelDeploymentCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int? ToVersion { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string name = ModelNameOrDefault(Name);
        TryInvoke(() =>
        {
            // Planned before asking, so -WhatIf and the prompt say which version comes back (or why none can).
            var (current, target) = ProductionChange.PlanRollback(Store, name, ToVersion);
            if (!ConfirmChange($"models:/{name}/Production", $"Roll back from version {current} to version {target} (version {current} is archived)", force: Force))
                return;
            WriteObject(DeploymentWorkflow.Rollback(Store, Options, name, ToVersion, Reason));
        });
    }
}
