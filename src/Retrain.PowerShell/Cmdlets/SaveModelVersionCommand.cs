using System.Management.Automation;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Exports a registered version's files to a folder, checked against the SHA-256 recorded at registration.</summary>
[Cmdlet(VerbsData.Save, "ModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DirectoryInfo))]
public sealed class SaveModelVersionCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int Version { get; set; }

    [Parameter(Mandatory = true, Position = 2)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var destination = ResolvePath(Destination);
        TryInvoke(() =>
        {
            var uri = Store.GetVersion(Name, Version).Uri;
            var action = Force && Directory.Exists(destination) ? $"Replace '{destination}' with the files of {uri}" : $"Save the files of {uri} to '{destination}'";
            if (ConfirmChange(destination, action))
                WriteObject(new DirectoryInfo(ModelExport.Export(Store, Name, Version, destination, Force)));
        });
    }
}
