using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets the version of a model that is in Production, with the run that produced it.</summary>
[Cmdlet(VerbsCommon.Get, "ProductionModel")]
[OutputType(typeof(ModelVersion))]
public sealed class GetProductionModelCommand : RetrainCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name ?? new[] { Options.Deployment.ModelName })
        {
            TryInvoke(() =>
            {
                var version = Store.GetVersionByStage(name, ModelStage.Production)
                    ?? throw new RetrainException("NoProductionVersion", RetrainErrorKind.ObjectNotFound,
                        $"Model '{name}' has no version in Production yet. Promote one with Publish-ProductionModel, or list versions with Get-ModelVersion -Name {name}.", $"models:/{name}/Production");
                var output = PSObject.AsPSObject(version);
                if (version.RunId is not null)
                    output.Properties.Add(new PSNoteProperty("Run", Store.GetRun(version.RunId)));
                WriteObject(output);
            });
        }
    }
}
