using System.Management.Automation;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Lists the files (artifacts) of runs.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainRunArtifact")]
[OutputType(typeof(RunArtifact))]
public sealed class GetRetrainRunArtifactCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RunId { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in RunId)
            TryInvoke(() => WriteObject(Store.ListArtifacts(id, Path).Select(p => new RunArtifact { RunId = id, Path = p }), enumerateCollection: true));
    }
}
