@{
    Synopsis    = 'Registers a model folder (model.zip and manifest.json) as a new version of a model.'
    Description = @(
        'Register-ModelVersion brings a model trained elsewhere into the registry: the folder''s files are stored as the artifacts of a new run of the automated_retraining experiment (tagged source=import), and a new version is registered with the next version number, stage None, the manifest''s metrics, and the SHA-256 of the files, which is verified every time the model is loaded. Versions are numbered without gaps or duplicates even when many processes register at once. It supports -WhatIf and -Confirm.'
        'Invoke-ModelTraining trains and registers in one step; use this cmdlet for models trained by another process or copied from another store.'
    )
    Parameters  = @{
        Path        = 'The model folder: it must hold model.zip (the ML.NET model) and manifest.json. Binds from the pipeline by property name (Path, FullName or LocalFolder).'
        Name        = 'The registered model name. Default: deployment.model_name. Letters, digits, ''_'', ''-'' and ''.''.'
        Description = 'A description of the new version.'
        Tag         = 'Tags of the new version, as a hashtable.'
    }
    Inputs      = @{ 'System.String' = 'Path binds by property name, e.g. from Get-Item on a folder.' }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'The new version.' }
    Examples    = @(
        @{ Title = 'a model folder'; Code = 'Register-ModelVersion -Path .\models\fd001-fasttree -Name pm -Description ''Trained on the lab cluster'''; Remarks = 'Registers the folder as the next version of pm.' }
        @{ Title = 'several folders'; Code = 'Get-ChildItem .\exported -Directory | Register-ModelVersion -Name pm -Reason ''migration from the old store'''; Remarks = 'Each folder becomes a version, in order.' }
    )
    Related     = @('Get-ModelVersion', 'Invoke-ModelTraining')
}
