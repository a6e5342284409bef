#Requires -Version 7.4
<#
.SYNOPSIS
    Retrain's scheduled job, as an Azure Automation runbook (PowerShell 7.4 runtime), a cron job or a scheduled task.
.DESCRIPTION
    Imports the Retrain module by name (in Azure Automation: the module uploaded from build.ps1 Package's
    out/Retrain.zip; elsewhere: that zip extracted into a folder of $env:PSModulePath) and runs the scheduled
    pipeline, Invoke-Retraining -Scheduled: check drift on the current window, and retrain, compare and deploy
    when it is due, as the configuration says.

    -Check Drift runs only the drift check (Test-ModelDrift on -ReferencePath and -CurrentPath): the part of the job
    that fits an Azure cloud sandbox (400 MB, no child processes). Training belongs on a Hybrid Runbook Worker
    (see docs/scheduling.md).

    Exit code (pwsh -NonInteractive -File) and job status: 0 / Completed when the job ran, whatever it found (no drift,
    drift, a model retrained, deployed or not promoted, a run skipped because another holds the model's lock); 1 /
    Failed on any error, since $ErrorActionPreference is 'Stop': a missing file, a bad configuration, a store that
    cannot be written, or a pipeline run that ended Failed.
.PARAMETER ConfigPath
    The retrain_config.yaml to use. Default: $env:RETRAIN_CONFIG, else the built-in defaults.
.PARAMETER Check
    Retraining (default): the scheduled pipeline. Drift: only the drift check of -ReferencePath against -CurrentPath.
.PARAMETER ReferencePath
    With -Check Drift: the reference data (the training window), a CSV or C-MAPSS file.
.PARAMETER CurrentPath
    With -Check Drift: the current data (the last week), a CSV or C-MAPSS file.
#>
[CmdletBinding()]
param(
    [string] $ConfigPath,

    [ValidateSet('Retraining', 'Drift')]
    [string] $Check = 'Retraining',

    [string] $ReferencePath,

    [string] $CurrentPath
)

# Any error fails the job (exit code 1) instead of letting the script carry on and report success.
$ErrorActionPreference = 'Stop'
# Verbose records say which store, model and windows were used; Azure Automation keeps them when the runbook's
# "Log verbose records" setting is on. Progress records are noise in a job log and slow the job down.
$VerbosePreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
# Job output ends up in log files: plain text, without the colour codes PowerShell would write around errors and warnings.
$PSStyle.OutputRendering = 'PlainText'

Import-Module Retrain -Verbose:$false
$module = Get-Module Retrain
Write-Verbose "Retrain $($module.Version) from $($module.ModuleBase), PowerShell $($PSVersionTable.PSVersion)."

$common = @{}
if ($ConfigPath) { $common.ConfigPath = $ConfigPath }

switch ($Check) {
    'Retraining' {
        $result = Invoke-Retraining -Scheduled @common
        $result
        if ($result.Status -eq 'Failed') { throw "The scheduled retraining failed: $($result.Reason)" }
    }
    'Drift' {
        if (-not $ReferencePath -or -not $CurrentPath) { throw '-Check Drift needs -ReferencePath and -CurrentPath.' }
        $report = Test-ModelDrift -ReferencePath $ReferencePath -CurrentPath $CurrentPath @common
        $report
        if ($report.DriftDetected) { Write-Warning "Drift ($($report.DriftType)): $($report.Recommendation)" }
    }
}
