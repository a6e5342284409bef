using System.Management.Automation;
using Retrain.Engine.Data;
using Retrain.Engine.Deployment;
using Retrain.Engine.Pipeline;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// Judges the canary of a model on labelled data (or, with -Recorded, on outcomes joined to the predictions recorded
/// at the time) and acts on the gate: the next step of deployment.canary_steps, Production at 100, or an abort; an
/// inconclusive gate changes nothing. -Full promotes the canary at once.
/// </summary>
[Cmdlet(VerbsCommon.Step, "ModelDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = FromPath)]
[OutputType(typeof(DeploymentRecord))]
public sealed class StepModelDeploymentCommand : DataReadingCmdlet
{
    private const string FromPath = "Path";
    private const string FromObjects = "Data";
    private const string Promote = "Full";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Labelled rows (equipment id, features, target) the gate judges the canary on.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromPath)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromObjects)]
    public PSObject[] Data { get; set; } = Array.Empty<PSObject>();

    /// <summary>The labelled rows are outcomes of predictions recorded since the canary's step began (Invoke-ModelPrediction -Record): judge those, scoring nothing again.</summary>
    [Parameter(ParameterSetName = FromPath)]
    [Parameter(ParameterSetName = FromObjects)]
    public SwitchParameter Recorded { get; set; }

    [Parameter(ParameterSetName = FromPath)]
    [Parameter(ParameterSetName = FromObjects)]
    [ValidateNotNullOrEmpty]
    public string? TargetColumn { get; set; }

    /// <summary>Promotes the canary to Production at once, judging nothing.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Promote)]
    public SwitchParameter Full { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<PSObject> _rows = new();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == FromObjects)
            _rows.AddRange(Data.Where(d => d is not null));
    }

    protected override void EndProcessing()
    {
        string name = ModelNameOrDefault(Name);
        if (ParameterSetName == Promote)
        {
            var held = Invoke(() => CanaryChange.Current(Store, name) ?? throw Engine.Store.RegistryRules.NoRole(name, Engine.Registry.DeploymentRole.Canary));
            if (ConfirmChange(held.Uri, $"Promote the canary from {held.TrafficPercent}% to Production at once (the version in Production now is archived)", force: Force))
                WriteObject(Invoke(() => DeploymentWorkflow.StepCanary(Store, Options, name, null, Reason)));
            return;
        }

        // Every column (both models may need any), the equipment id as categories; the cycle, which recorded rows may be keyed by.
        var plan = ReadPlan(null, TargetColumn, null, readAll: true, new[] { TrainingWorkflow.DefaultOrderColumn });
        Dataset data = ParameterSetName == FromPath ? ReadDataset(Path, plan) : DatasetFromObjects(_rows, "canary gate input", plan);
        CanaryGateResult gate = InvokeWithProgress((progress, cancel) =>
        {
            progress.Report(new Engine.EngineProgress("Judging the canary", Recorded ? "Joining outcomes to recorded predictions" : "Scoring the canary's rows with both models", 10));
            return Recorded.IsPresent
                ? CanaryEvaluation.FromRecordedOutcomes(Store, Options, name, data, TargetColumn, cancel)
                : CanaryEvaluation.FromLabelledData(Store, Options, name, data, TargetColumn, cancel);
        });
        WriteVerbose($"Gate {gate.Outcome}: {gate.Message} Judged on {gate.Basis}.");
        string action = gate.Outcome switch
        {
            CanaryGateOutcome.Failed => $"Abort the canary (gate failed: MAE {Percent(gate.RegressionPct)} against Production; Production does not change)",
            CanaryGateOutcome.Inconclusive => $"Keep the canary at {gate.TrafficPercent}% (gate inconclusive: {gate.Rows} rows of {gate.Units} machines) and record the gate",
            _ when gate.NextPercent >= 100 => $"Promote the canary to Production (gate passed: MAE {Percent(gate.RegressionPct)} against Production; the version in Production now is archived)",
            _ => $"Move the canary from {gate.TrafficPercent}% to {gate.NextPercent}% of the equipment (gate passed: MAE {Percent(gate.RegressionPct)} against Production)",
        };
        // An inconclusive gate changes nothing but its run: shown under -WhatIf, never prompted for.
        bool go = gate.Outcome == CanaryGateOutcome.Inconclusive ? !WhatIfRequested || ShouldProcess(gate.CanaryUri, action) : ConfirmChange(gate.CanaryUri, action, force: Force);
        if (!go)
            return;
        if (gate.Outcome == CanaryGateOutcome.Inconclusive)
            WriteWarning($"Canary gate inconclusive: {gate.Message}");
        WriteObject(Invoke(() => DeploymentWorkflow.StepCanary(Store, Options, name, gate, Reason)));
    }

    private static string Percent(double? value) => value is double v
        ? (double.IsPositiveInfinity(v) ? "+inf" : $"{(v >= 0 ? "+" : "")}{v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}") + "%"
        : "n/a";
}
