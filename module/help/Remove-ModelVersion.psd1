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
        @{ Title = 'see what would go'; Code = 'Get-ModelVersion pm -Stage Archived | Remove-ModelVersion -WhatIf'; Remarks = 'Lists the archived versions that would be removed, without removing anything.' }
        @{ Title = 'remove one version without asking'; Code = 'Remove-ModelVersion pm 2 -Reason ''trained on a bad export'' -Force -PassThru'; Remarks = 'Removes version 2 of pm and writes it out; version 2 is never given to another model version.' }
        @{ Title = 'free the disk space too'; Code = "`$removed = Get-ModelVersion pm -Stage Archived | Remove-ModelVersion -Force -PassThru`n`$removed | Remove-RetrainRun -Force"; Remarks = 'Removes the archived versions, then the runs that held their files (RunId binds by property name).' }
    )
    Related     = @('Get-ModelVersion', 'Set-ModelVersion', 'Remove-RetrainRun')
}
