using System.Management.Automation;
using Retrain.Engine.Configuration;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Puts a registered version in Production, archiving the previous one in the same change, or makes it the shadow beside Production.</summary>
[Cmdlet(VerbsData.Publish, "ProductionModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByUri)]
[OutputType(typeof(DeploymentRecord))]
public sealed class PublishProductionModelCommand : RetrainCmdlet
{
    private const string ByUri = "Uri";
    private const string ByVersion = "Version";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUri)]
    [Alias("Uri")]
    [ArgumentCompleter(typeof(ModelUriCompleter))]
    [ValidateNotNullOrEmpty]
    public string ModelUri { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByVersion)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByVersion)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int Version { get; set; }

    [Parameter]
    [ValidateEngineEnum(EngineEnums.DeploymentStrategy)]
    [ArgumentCompleter(typeof(DeploymentStrategyCompleter))]
    public string? Strategy { get; set; }

    /// <summary>Publish only if Production still holds this version (0: none); a ComparisonReport's ChampionVersion binds to it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ChampionVersion")]
    [ValidateRange(0, int.MaxValue)]
    public int? ExpectedCurrentVersion { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string text = ParameterSetName == ByVersion ? $"models:/{Name}/{Version}" : ResolveModelUri(ModelUri);
        TryInvoke(() =>
        {
            var uri = Engine.Registry.ModelUri.Parse(text);
            DeploymentStrategy? strategy = Strategy is null ? null : Enum.Parse<DeploymentStrategy>(Strategy, ignoreCase: true);
            string action = (strategy ?? Options.Deployment.Strategy) switch
            {
                DeploymentStrategy.Shadow => "Make the shadow (it scores beside Production, which does not change)",
                DeploymentStrategy.Canary => $"Make the canary at {Options.Deployment.CanarySteps[0]}% of the equipment (Production serves the rest and does not change)",
                _ => "Publish to Production (the version in Production now is archived in the same change)",
            };
            if (!ConfirmChange(uri.ToString(), action, force: Force))
                return;
            WriteObject(DeploymentWorkflow.Publish(Store, Options, uri, strategy, Reason, ExpectedCurrentVersion));
        });
    }
}
