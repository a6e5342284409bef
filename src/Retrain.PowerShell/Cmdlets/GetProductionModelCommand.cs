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
                var version = Store.RequireVersionInStage(name, ModelStage.Production);
                var output = PSObject.AsPSObject(version);
                if (version.RunId is not null)
                    output.Properties.Add(new PSNoteProperty("Run", Store.GetRun(version.RunId)));
                WriteObject(output);
            });
        }
    }
}
