using System.Management.Automation;
using Retrain.Engine;
using Retrain.Engine.Drift;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Store;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>
/// The retraining job: checks drift against the Production model, retrains on the last training_window_days, compares
/// the challenger with the champion on units neither trained on, and deploys, asks for approval or leaves it registered
/// (RetrainingPipeline). -Scheduled for schedulers and runbooks, -Reason for a person, or a DriftReport from the pipeline.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Retraining", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ScheduledSet)]
[OutputType(typeof(RetrainingResult))]
public sealed class InvokeRetrainingCommand : RetrainCmdlet
{
    private const string ScheduledSet = "Scheduled";
    private const string Manual = "Manual";
    private const string FromReport = "DriftReport";

    /// <summary>The scheduled check (the default): retrain only on drift, or when the model has no Production version.</summary>
    [Parameter(ParameterSetName = ScheduledSet)]
    public SwitchParameter Scheduled { get; set; }

    /// <summary>Retrain now, whatever the drift check says, and record why.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = Manual)]
    [ValidateNotNullOrEmpty]
    public string Reason { get; set; } = string.Empty;

    /// <summary>A drift report from Test-ModelDrift: it is the drift check, and its current window ends the data.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FromReport)]
    public DriftReport? DriftReport { get; set; }

    /// <summary>The data to read instead of data.path: a CSV file, or a folder of them.</summary>
    [Parameter]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    protected override void ProcessRecord()
    {
        var trigger = ParameterSetName switch
        {
            Manual => RetrainingTrigger.Manual,
            FromReport => RetrainingTrigger.DriftReport,
            _ => RetrainingTrigger.Scheduled,
        };
        string model = Options.Deployment.ModelName;
        string action = trigger switch
        {
            RetrainingTrigger.Manual => $"Retrain now ('{Reason}'), compare with Production, and deploy when the configuration allows",
            _ => "Check drift and retrain on drift, compare with Production, and deploy when the configuration allows",
        };
        bool whatIf = WhatIfRequested;
        if (!whatIf && !ConfirmChange(model, action))
            return;
        if (whatIf)
            WriteVerbose($"What if: {action} on '{model}': running the steps in a temporary copy of the store.");

        var request = new RetrainingRequest
        {
            Trigger = trigger,
            Reason = trigger == RetrainingTrigger.Manual ? Reason : null,
            DataPath = DataPath is null ? null : ResolvePath(DataPath),
            DriftReport = DriftReport,
            WhatIf = whatIf,
        };
        Exception? error = null;
        RetrainingResult result = whatIf ? InSandbox(request, out error) : InvokeWithProgress((progress, cancel) =>
            RetrainingPipeline.Run(Store, Options, request, out error, progress, cancel));
        WriteVerbose(result.Reason);
        WriteObject(result);
        if (result.Status == RetrainingStatus.Failed)
            WriteError(error is RetrainException retrain
                ? ToErrorRecord(retrain)
                : new ErrorRecord(error ?? new InvalidOperationException(result.Reason), "RetrainingFailed", ErrorCategory.InvalidOperation, model));
    }

    /// <summary>-WhatIf: the whole run in a temporary copy of the store, deleted afterwards; the real store is only read.</summary>
    private RetrainingResult InSandbox(RetrainingRequest request, out Exception? error)
    {
        if (Store is not IStoreCopy copyable)
            throw new PSNotSupportedException($"The store '{Store.Location}' cannot be copied for -WhatIf.");
        string folder = Path.Combine(Path.GetTempPath(), "retrain-whatif-" + Guid.NewGuid().ToString("N"));
        Exception? failure = null;
        try
        {
            var result = InvokeWithProgress((progress, cancel) =>
            {
                using IRetrainStore copy = copyable.CopyTo(folder);
                return RetrainingPipeline.Run(copy, Options, request, out failure, progress, cancel);
            });
            error = failure;
            return result;
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
