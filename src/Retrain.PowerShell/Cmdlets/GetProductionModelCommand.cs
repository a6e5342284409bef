using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Deployment;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets the version of a model that is in Production, with the run that produced it, the shadow beside it and the canary serving a share of the equipment.</summary>
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
                // The shadow scores beside it (Invoke-ModelPrediction): shown with it, null when there is none.
                var shadow = ShadowChange.Current(Store, name);
                output.Properties.Add(new PSNoteProperty("Shadow", shadow is null ? null : Store.GetVersion(name, shadow.Version)));
                // The canary serves its share of the equipment: its version and that share, null when there is none.
                var canary = CanaryChange.Current(Store, name);
                output.Properties.Add(new PSNoteProperty("Canary", canary is null ? null : Store.GetVersion(name, canary.Version)));
                output.Properties.Add(new PSNoteProperty("CanaryPercent", canary?.TrafficPercent ?? 0));
                WriteObject(output);
            });
        }
    }
}
