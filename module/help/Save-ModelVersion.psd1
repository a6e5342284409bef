@{
    Synopsis    = 'Exports a registered model version''s files to a folder, checked against their SHA-256.'
    Description = @(
        'Save-ModelVersion copies the files of one registered version (model.zip, manifest.json, ...) out of the store into -Destination, as MLflow''s download_artifacts does for a model version. The copy is hashed and compared with the SHA-256 digest recorded at registration before it is put in place, so the folder holds exactly the registered bytes; a file changed in the store is an ArtifactTampered error and nothing is written.'
        'The destination is created if it does not exist; an existing folder that is not empty is refused unless -Force, which replaces it. The exported folder can be given to Invoke-ModelPrediction -ModelUri as a path, or registered in another store with Register-ModelVersion (its FullName binds to -Path).'
    )
    Parameters  = @{
        Name        = 'The model name. Binds from the pipeline by property name, so Get-ModelVersion output can be piped in.'
        Version     = 'The version number. Binds from the pipeline by property name.'
        Destination = 'The folder to write the files into (created if missing). A relative path is relative to the current location.'
        Force       = 'Replaces the destination folder when it exists and is not empty.'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name and Version bind by property name.' }
    Outputs     = @{ 'System.IO.DirectoryInfo' = 'The destination folder.' }
    Examples    = @(
        @{ Title = 'export a version'; Code = 'Save-ModelVersion pm 1 -Destination (Join-Path ([IO.Path]::GetTempPath()) pm-1) -Force'; Remarks = 'Writes the files of models:/pm/1 into a folder pm-1 of the temp folder, replacing an older export.' }
        @{ Title = 'from the pipeline, then score with the copy'; Code = "`$folder = Get-ModelVersion pm -Version 1 | Save-ModelVersion -Destination (Join-Path ([IO.Path]::GetTempPath()) pm-export) -Force`nGet-ChildItem `$folder"; Remarks = 'The exported folder is a model folder: Invoke-ModelPrediction -ModelUri `$folder.FullName scores with it.' }
    )
    Related     = @('Get-ModelVersion', 'Register-ModelVersion', 'Get-RetrainRunArtifact')
}
