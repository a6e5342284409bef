using System.Collections;
using System.Management.Automation;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Registers a model folder (model.zip + manifest.json) as a new version of a model.</summary>
[Cmdlet(VerbsLifecycle.Register, "ModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ModelVersion))]
public sealed class RegisterModelVersionCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LocalFolder")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    protected override void ProcessRecord()
    {
        var folder = ResolvePath(Path);
        var name = ModelNameOrDefault(Name);
        if (!ConfirmChange($"models:/{name}", $"Register '{folder}' as a new version"))
            return;
        var tags = TagTable.ToDictionary(Tag);
        TryInvoke(() => WriteObject(ModelRegistration.Import(Store, name, folder, Description, tags, Reason)));
    }
}
