@{
    Synopsis    = 'Scores rows with a model given by URI; each row comes back with its prediction and the model version, and the shadow''s beside it.'
    Description = @(
        'Invoke-ModelPrediction loads a model from the registry or a folder and predicts the target for every row. The model is found by URI: models:/name/3 (a version), models:/name/Production (a stage), models:/name@champion (an alias), runs:/<run-id>/model (a run''s artifact) or a path to a model folder. The artifact''s SHA-256 is checked against the registry before the model is used: a tampered model is an error, never a silent load.'
        'Each input row is written back with two more properties: Prediction and ModelVersion (the URI of the version that produced it). Rows are scored together at the end, because window features look back over each unit''s earlier rows. Only the columns the model needs are read, so other properties may be anything.'
        'When the model is the Production version of a model with a shadow (Publish-ProductionModel -Strategy Shadow), the shadow scores the same rows and each row also gets ShadowPrediction and ShadowVersion. Only the Production prediction serves; the shadow''s is for comparing.'
        'When the model has a canary (Publish-ProductionModel -Strategy Canary), the rows of the equipment routed to it (by a fixed hash of the equipment id in data.group_column: bucket = XxHash32 of the id''s UTF-8 bytes mod 100, canary when below its percent) get the canary''s Prediction, and ModelVersion names the canary; every other row is served by Production. With -Record, Production''s prediction of every row is logged too, so a canary gate (Step-ModelDeployment -Recorded) compares both on the same rows.'
        'With -Record (or deployment.record_predictions: true) both predictions of every row go to the store''s prediction log in one batch, with the row''s equipment id (data.group_column) and time (its timestamp when data.timestamp_column is set, else its cycle), so that Compare-Model -Shadow can join the outcomes when they arrive. Only the Production version and its shadow are recorded: -Record with another model is RecordNeedsProduction, and deployment.record_predictions records only when the Production version is scored. A row without the equipment id or the time is an error before anything is scored or logged.'
    )
    Parameters  = @{
        ModelUri = 'The model: models:/name/version, models:/name/Stage, models:/name@alias, runs:/<id>/model, or a folder path. Default: models:/<deployment.model_name>/Production. Tab completion offers the registered models'' URIs. Binds by property name (ModelUri, Uri), so a ModelVersion can be piped in.'
        Data     = 'Rows to score, as objects from the pipeline.'
        Path     = 'A data file to score (CSV or C-MAPSS text, optionally gzipped); each row is written as an object with its columns.'
        Record   = 'Logs the Production and shadow predictions of every row in the prediction log. Default: deployment.record_predictions (false). -Record:$false turns it off when the configuration turns it on.'
    }
    Inputs      = @{ 'System.Management.Automation.PSObject' = 'Rows, bound to -Data.' }
    Outputs     = @{ 'System.Management.Automation.PSObject' = 'Each input row with Prediction and ModelVersion, and ShadowPrediction and ShadowVersion when a shadow scored it.' }
    Examples    = @(
        @{ Title = 'score with the production model'; Code = 'Import-Csv .\today.csv | Invoke-ModelPrediction | Sort-Object Prediction | Select-Object -First 10 unit, cycle, Prediction'; Remarks = 'The ten rows with the least remaining useful life.' }
        @{ Title = 'a given version, from a file'; Code = 'Invoke-ModelPrediction -ModelUri models:/pm/3 -Path .\test_FD001.txt.gz | Group-Object unit | ForEach-Object { $_.Group[-1] }'; Remarks = 'Each unit''s prediction at its last cycle.' }
        @{ Title = 'record production and shadow predictions'; Code = 'Invoke-ModelPrediction -Path .\today.csv -Record | Select-Object -First 3 unit, cycle, Prediction, ShadowPrediction'; Remarks = 'The Production version of deployment.model_name and its shadow score the file; both predictions of every row are logged by unit and cycle, for Compare-Model -Shadow once the outcomes are known.' }
    )
    Related     = @('Invoke-ModelTraining', 'Get-ModelVersion')
}
