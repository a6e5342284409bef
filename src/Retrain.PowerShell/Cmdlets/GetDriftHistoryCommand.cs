using System.Management.Automation;
using Retrain.Engine.Drift;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Pipeline;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets the drift checks recorded in the drift_monitoring experiment, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "DriftHistory")]
[OutputType(typeof(DriftHistoryEntry))]
public sealed class GetDriftHistoryCommand : RetrainCmdlet
{
    [Parameter]
    public DateTimeOffset? After { get; set; }

    [Parameter]
    public DateTimeOffset? Before { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    [Parameter]
    public SwitchParameter DriftOnly { get; set; }

    protected override void EndProcessing() =>
        WriteObject(Invoke(() => DriftHistory.Read(Store, After, Before, First, DriftOnly)), enumerateCollection: true);
}
