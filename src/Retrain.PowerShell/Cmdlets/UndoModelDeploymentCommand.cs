using System.Management.Automation;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Rolls Production back to the version before the current one (or to -ToVersion), archiving the current one; or ends the shadow (-Shadow) or aborts the canary (-Canary).</summary>
[Cmdlet(VerbsCommon.Undo, "ModelDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = Rollback)]
[OutputType(typeof(DeploymentRecord))]
public sealed class UndoModelDeploymentCommand : RetrainCmdlet
{
    private const string Rollback = "Rollback";
    private const string EndShadow = "Shadow";
    private const string EndCanary = "Canary";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = Rollback)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int? ToVersion { get; set; }

    /// <summary>Ends the shadow instead of rolling Production back.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EndShadow)]
    public SwitchParameter Shadow { get; set; }

    /// <summary>Aborts the canary instead of rolling Production back.</summary>
    [Parameter(Mandatory = true, ParameterSetName = EndCanary)]
    public SwitchParameter Canary { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string name = ModelNameOrDefault(Name);
        TryInvoke(() =>
        {
            if (ParameterSetName == EndShadow)
            {
                var shadow = ShadowChange.Current(Store, name) ?? throw RegistryRules.NoRole(name, DeploymentRole.Shadow);
                if (ConfirmChange(shadow.Uri, "End the shadow (the version keeps its stage; Production does not change)", force: Force))
                    WriteObject(DeploymentWorkflow.EndShadow(Store, Options, name, Reason));
                return;
            }
            if (ParameterSetName == EndCanary)
            {
                var canary = CanaryChange.Current(Store, name) ?? throw RegistryRules.NoRole(name, DeploymentRole.Canary);
                if (ConfirmChange(canary.Uri, $"Abort the canary at {canary.TrafficPercent}% (the version keeps its stage; Production serves every row again)", force: Force))
                    WriteObject(DeploymentWorkflow.AbortCanary(Store, Options, name, Reason));
                return;
            }
            // Planned before asking, so -WhatIf and the prompt say which version comes back (or why none can).
            var (current, target) = ProductionChange.PlanRollback(Store, name, ToVersion);
            if (!ConfirmChange($"models:/{name}/Production", $"Roll back from version {current} to version {target} (version {current} is archived)", force: Force))
                return;
            WriteObject(DeploymentWorkflow.Rollback(Store, Options, name, ToVersion, Reason));
        });
    }
}
