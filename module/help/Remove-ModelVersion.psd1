@{
    Synopsis    = 'Removes registered model versions; their numbers are never reused.'
    Description = @(
        'Remove-ModelVersion deletes versions from the registry as MLflow does: the removal is an event in the registry''s log (with the user, machine, time and -Reason), the version leaves Get-ModelVersion, stage and alias lookups, and its number stays taken, so models:/pm/3 never names a different model later. The registration stays in the log, so the history (Get-ModelVersion, the events) keeps its numbering.'
        'A version in Production is refused (publish another version or roll back first), and so is one that holds an alias (move it with Set-ModelVersion -Alias, or remove it with -RemoveAlias). The refusal comes before any confirmation, and -WhatIf reports it the same way.'
        'The run that holds the version''s files is kept; remove it afterwards with Remove-RetrainRun to free the disk space. The change asks for confirmation (ConfirmImpact High) unless -Force; it supports -WhatIf and -Confirm.'
    )
    Parameters  = @{
        Name     = 'The model name. Binds from the pipeline by property name, so Get-ModelVersion output can be piped in.'
        Version  = 'The version number(s) to remove. Binds from the pipeline by property name.'
        Force    = 'Removes without asking for confirmation, for unattended runs. It does not override the refusals (Production, aliases), -WhatIf or an explicit -Confirm.'
        PassThru = 'Writes each removed version (as it was before the removal) to the pipeline. By default nothing is written.'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name and Version bind by property name.' }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'With -PassThru, each removed version as it was.' }
    Examples    = @(
        @{ Title = 'see what would be removed'; Code = "`$trial = Get-ModelVersion pm | Select-Object -First 1 | Save-ModelVersion -Destination (Join-Path ([IO.Path]::GetTempPath()) pm-trial) -Force | Register-ModelVersion -Name pm-trial -Confirm:`$false`n`$trial | Remove-ModelVersion -WhatIf"; Remarks = 'Registers a copy of the newest pm version as pm-trial, then shows what removing it would do, without removing anything.' }
        @{ Title = 'remove a version and the run that holds its files'; Code = "Get-ModelVersion pm-trial | Remove-ModelVersion -Reason 'only a trial' -Force -PassThru | Remove-RetrainRun -Force"; Remarks = 'Removes every version of pm-trial without asking (their numbers are never given again), then the runs that held their files: RunId binds by property name.' }
        @{ Title = 'a version in Production is refused'; Code = "Get-ModelVersion pm -Stage Production | Remove-ModelVersion -Force -ErrorAction SilentlyContinue -ErrorVariable refused`n`$refused.Exception.Message"; Remarks = 'Prints why (publish another version or roll back first) for a Production version; nothing is removed.' }
    )
    Related     = @('Get-ModelVersion', 'Set-ModelVersion', 'Remove-RetrainRun')
}
