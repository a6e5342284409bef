using System.Management.Automation;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Removes tracked runs with their params, metrics, tags and artifacts.</summary>
[Cmdlet(VerbsCommon.Remove, "RetrainRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Run))]
public sealed class RemoveRetrainRunCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RunId { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in RunId)
        {
            TryInvoke(() =>
            {
                var run = Store.GetRun(id);
                // Refuse before asking, as the store would after the user said yes.
                RegistryRules.CheckRunDeletable(Store, run.RunId);
                var what = $"Remove run ({run.ExperimentName}{(run.RunName is null ? "" : $", {run.RunName}")}, {run.StartTime:yyyy-MM-dd HH:mm}) with its metrics and artifacts";
                if (!ConfirmChange(run.Uri, what, force: Force))
                    return;
                var removed = Store.DeleteRun(run.RunId);
                if (PassThru)
                    WriteObject(removed);
            });
        }
    }
}
