@{
    Synopsis    = 'Removes tracked runs with their parameters, metrics, tags and artifacts.'
    Description = @(
        'Remove-RetrainRun deletes runs from the tracking store, for cleaning up trial runs and old drift checks. Everything of the run goes at once: its parameters, metric history, tags and artifact files.'
        'A run whose artifacts back a registered model version is refused, naming the version: remove the version first (Remove-ModelVersion), whose removal keeps the registry''s history. The refusal comes before any confirmation, and -WhatIf reports it the same way.'
        'The change asks for confirmation (ConfirmImpact High) unless -Force; it supports -WhatIf and -Confirm.'
    )
    Parameters  = @{
        RunId    = 'The run id(s) (32 hex characters). Binds from the pipeline by property name, so Get-RetrainRun output, a DriftReport or a ModelVersion can be piped in.'
        Force    = 'Removes without asking for confirmation, for unattended runs. It does not override the refusal of a run that backs a version, -WhatIf or an explicit -Confirm.'
        PassThru = 'Writes each removed run (as it was) to the pipeline. By default nothing is written.'
    }
    Inputs      = @{ 'Retrain.Engine.Tracking.Run' = 'RunId binds by property name (also from DriftReport, ComparisonReport and ModelVersion).' }
    Outputs     = @{ 'Retrain.Engine.Tracking.Run' = 'With -PassThru, each removed run as it was.' }
    Examples    = @(
        @{ Title = 'see what a clean-up would remove'; Code = 'Get-RetrainRun drift_monitoring -Before (Get-Date).AddDays(-90) | Remove-RetrainRun -WhatIf'; Remarks = 'Lists the drift checks older than 90 days that would be removed.' }
        @{ Title = 'remove failed runs without asking'; Code = 'Get-RetrainRun -Status Failed | Remove-RetrainRun -Force'; Remarks = 'Removes every failed run without asking; a failed run that backs a version (rare) is reported and kept.' }
        @{ Title = 'a run logged by mistake'; Code = "Write-RetrainRun -Experiment scratch -Metric @{ x = 1 } | Remove-RetrainRun -Force"; Remarks = 'Removes the run just logged (its RunId binds by property name). Test-ModelDrift -NoLog and Compare-Model -NoLog do not log one in the first place.' }
    )
    Related     = @('Get-RetrainRun', 'Remove-ModelVersion', 'Test-ModelDrift')
}
