using System.Management.Automation;
using Retrain.Engine.Store;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Shows which store commands use: its URI, backend, folder and where the URI came from.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainStore")]
[OutputType(typeof(StoreLocation))]
public sealed class GetRetrainStoreCommand : RetrainCmdlet
{
    protected override void EndProcessing() => WriteObject(LocateStore());
}
