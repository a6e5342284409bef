@{
    Synopsis    = 'Lists the files (artifacts) a run holds.'
    Description = @(
        'Every run can hold files: a training run its model (model/model.zip, model/manifest.json), a drift check its report (drift_report.json), a comparison its comparison_report.json, a run of your own whatever Write-RetrainRun -ArtifactFile stored. Get-RetrainRunArtifact lists them, as MLflow''s list_artifacts does, with the runs:/ URI of each.'
        'A model directory''s URI (runs:/<id>/model) can be given wherever a model URI is taken, e.g. Invoke-ModelPrediction -ModelUri. To copy a registered version''s files out of the store, checked against their SHA-256, use Save-ModelVersion.'
    )
    Parameters  = @{
        RunId = 'The run id(s). Binds from the pipeline by property name, so Get-RetrainRun, a ModelVersion, a DriftReport or a ComparisonReport can be piped in.'
        Path  = 'Only the files under this artifact folder (e.g. model), or this one file. Paths are relative to the run and ''/''-separated.'
    }
    Inputs      = @{ 'Retrain.Engine.Tracking.Run' = 'RunId binds by property name (also from ModelVersion, DriftReport, ComparisonReport).' }
    Outputs     = @{ 'Retrain.Engine.Tracking.RunArtifact' = 'RunId, Path (relative to the run) and Uri (runs:/<id>/<path>).' }
    Examples    = @(
        @{ Title = 'what a model version is made of'; Code = 'Get-ModelVersion pm -Version 1 | Get-RetrainRunArtifact -Path model'; Remarks = 'The files of the run that trained version 1, under its model folder.' }
        @{ Title = 'the newest drift check''s report'; Code = 'Get-RetrainRun drift_monitoring -First 1 | Get-RetrainRunArtifact | Select-Object -ExpandProperty Uri'; Remarks = 'The URIs of the files of the latest drift check.' }
    )
    Related     = @('Get-RetrainRun', 'Save-ModelVersion', 'Write-RetrainRun')
}
