@{
    Synopsis    = 'Changes a model version''s description, tags and aliases.'
    Description = @(
        'Set-ModelVersion updates the metadata of one registered version. Tags are set with a hashtable and removed by key; aliases (such as champion or candidate) name a version and can be moved: setting an alias that another version holds moves it, after confirmation unless -Force. Every change is one event in the registry''s event log with the user, machine, time and -Reason. It supports -WhatIf and -Confirm.'
        'Stages (Production, Archived...) are not changed here: deployment cmdlets move versions between stages.'
    )
    Parameters  = @{
        Name        = 'The model name. Binds from the pipeline by property name, so a ModelVersion can be piped in.'
        Version     = 'The version number. Binds from the pipeline by property name.'
        Description = 'The new description of the version.'
        Tag         = 'Tags to set, as a hashtable of key = value; other tags are kept.'
        RemoveTag   = 'Keys of tags to remove.'
        Alias       = 'Aliases to point at this version. An alias held by another version moves here (after confirmation unless -Force). An alias may not be only digits. Tab completion offers the model''s aliases.'
        RemoveAlias = 'Aliases of this version to delete. Tab completion offers the ones it holds. An alias the model does not have (ModelAliasNotFound), or one held by another version (ModelAliasOnOtherVersion, naming it), is an error before anything changes, with -WhatIf too.'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name and Version bind by property name.' }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'With -PassThru, the version after the change.' }
    Examples    = @(
        @{ Title = 'name the champion'; Code = 'Set-ModelVersion -Name pm -Version 7 -Alias champion -Reason ''Best RMSE on Q3 data'' -Force'; Remarks = 'Points the alias champion at version 7, moving it from another version without asking.' }
        @{ Title = 'tag what the pipeline returned'; Code = 'Get-ModelVersion pm -Version 8 | Set-ModelVersion -Tag @{ reviewed_by = ''ops'' } -Description ''Retrained after the fan-sensor recalibration'' -PassThru'; Remarks = 'The version is piped in; the changed version is written out.' }
        @{ Title = 'see what would change'; Code = 'Set-ModelVersion pm 7 -RemoveAlias candidate -WhatIf'; Remarks = 'Says what would be done without doing it, and fails as the real call would if version 7 does not hold the alias.' }
    )
    Related     = @('Get-ModelVersion')
}
