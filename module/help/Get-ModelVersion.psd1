@{
    Synopsis    = 'Gets registered model versions by name, version, stage or alias.'
    Description = @(
        'Get-ModelVersion reads the model registry. Without parameters it lists every version of every registered model, newest first. -Name (wildcards allowed) picks models; -Version, -Stage or -Alias picks versions of them. A name, version or alias that does not exist is a non-terminating ObjectNotFound error naming it, so the other results still arrive.'
        'Each version carries its stage (None, Staging, Production, Archived), aliases, the run that produced it (Source, RunId), its metrics, tags, description and the SHA-256 of its artifact, which is verified whenever the model is loaded.'
    )
    Parameters  = @{
        Name    = 'Model name(s); wildcards match registered models. Tab completion offers the registered names. Binds from the pipeline by property name.'
        Version = 'Version number(s) of the named model. Tab completion offers the model''s versions. Binds from the pipeline by property name.'
        Stage   = 'Only versions in this stage: None, Staging, Production or Archived.'
        Alias   = 'The version an alias (such as champion) points to.'
    }
    Inputs      = @{ 'System.String' = 'Name and Version bind by property name, e.g. from another ModelVersion.' }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name, Version, Stage, Aliases, Source, RunId, CreatedAt, Description, Tags, Metrics, ArtifactSha256, Uri; and for Export-Csv the same lists as flat text: AliasList, TagList, MetricList. ConvertTo-Json writes Stage by name.' }
    Examples    = @(
        @{ Title = 'every version of a model'; Code = 'Get-ModelVersion -Name predictive_maintenance_model'; Remarks = 'Lists the versions, newest first, with stage, aliases and test RMSE.' }
        @{ Title = 'the archived version to roll back to'; Code = 'Get-ModelVersion -Name pm -Stage Archived | Select-Object -First 1'; Remarks = 'The most recently archived version.' }
        @{ Title = 'to a CSV file'; Code = 'Get-ModelVersion pm | Select-Object * -ExcludeProperty Aliases, Tags, Metrics | Export-Csv .\versions.csv'; Remarks = 'Export-Csv writes a list as its type name (System.String[]), so the recipe leaves out Aliases, Tags and Metrics and keeps their flat text forms AliasList, TagList and MetricList (items joined by ''; '', pairs as key=value). The same works for Get-RetrainRun (ParamList, TagList, MetricList) and for drift reports and Get-DriftHistory (AffectedFeatureList).' }
        @{ Title = 'by alias'; Code = 'Get-ModelVersion pm -Alias champion | Format-List'; Remarks = 'The version the alias champion points to, with all its properties.' }
    )
    Related     = @('Set-ModelVersion', 'Get-ProductionModel', 'Register-ModelVersion', 'Invoke-ModelTraining')
}
