using System.Globalization;
using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Store;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Finds what killed processes left in the store (runs left Running, temporary files, unregistered model copies) and repairs it.</summary>
[Cmdlet(VerbsDiagnostic.Repair, "RetrainStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RepairAction))]
public sealed class RepairRetrainStoreCommand : RetrainCmdlet
{
    protected override void EndProcessing()
    {
        if (Store is not IStoreRepair repair)
        {
            ThrowTerminatingError(ToErrorRecord(new RetrainException("StoreRepairNotSupported", RetrainErrorKind.InvalidOperation,
                $"The store '{Store.Location}' has no crash leftovers to repair (only the file store leaves them).", Store.Location)));
            return;
        }
        // Found without the lock; each one asked about; the chosen ones re-checked and repaired under it, in one change.
        var found = Invoke(repair.FindLeftovers);
        var chosen = found.Where(a => ConfirmChange(a.Target, Describe(a))).ToList();
        if (chosen.Count == 0)
            return;
        foreach (var result in Invoke(() => repair.Repair(chosen)))
            WriteObject(result);
    }

    private static string Describe(RepairAction a) => a.Kind switch
    {
        RepairKind.KilledRun => $"Mark the run Killed ({a.Detail})",
        RepairKind.OrphanModelCopy => $"Remove the model copy, {Size(a.Bytes)} ({a.Detail})",
        _ => $"Remove, {Size(a.Bytes)} ({a.Detail})",
    };

    private static string Size(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.# MB", CultureInfo.InvariantCulture)
        : bytes == 1 ? "1 byte" : bytes.ToString("#,0 bytes", CultureInfo.InvariantCulture);
}
