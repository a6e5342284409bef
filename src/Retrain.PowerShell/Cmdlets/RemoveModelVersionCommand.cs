using System.Management.Automation;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Removes registered model versions (a tombstone in the registry's log; the number is never reused).</summary>
[Cmdlet(VerbsCommon.Remove, "ModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ModelVersion))]
public sealed class RemoveModelVersionCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int[] Version { get; set; } = Array.Empty<int>();

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var version in Version)
        {
            TryInvoke(() =>
            {
                // Refuse before asking: a Production or aliased version would be refused after the user said yes.
                var current = Store.GetVersion(Name, version);
                Engine.Store.RegistryRules.CheckDeletable(current);
                if (!ConfirmChange(current.Uri, "Remove model version (its number is never reused; the run keeps its files)", force: Force))
                    return;
                var removed = Store.DeleteVersion(Name, version, Reason);
                if (PassThru)
                    WriteObject(removed);
            });
        }
    }
}
