@{
    Synopsis    = 'Trains a model with ML.NET, tracks the run and registers the model as a new version.'
    Description = @(
        'Invoke-ModelTraining trains a regression model of the target (remaining useful life, rul) with ML.NET: FastTree by default, or LightGbm, FastForest or Sdca, with the hyperparameters of the training section of the configuration and its seed, so the same data and configuration give the same model. With training.rul_cap set, the target is capped (piecewise-linear RUL); with training.window_features = N, per-unit rolling means and slopes over the last N cycles are added as features.'
        'Test rows are held out by equipment unit (data.group_column; the ids may be text, such as ENG-1), with model_comparison.test_size; the manifest records the split, the test units and the test metrics (mae, rmse, r2). Data without a unit column is split by row, with a warning: rows of one machine then end up on both sides, so the held-out error can be optimistic. When the data has timestamps (-TimestampColumn), only the last pipeline.training_window_days days are used. Only the columns training uses are read: the features, the target, the unit and cycle columns. A file or input may keep at most data.max_rows rows (5,000,000) and a file may hold at most data.max_bytes bytes once decompressed (2 GiB): past either, reading stops with DataTooManyRows or DataTooLarge, naming the key to raise; a line over 16,777,216 characters is DataLineTooLong.'
        'The run is tracked in the automated_retraining experiment (parameters, metrics, the model as an artifact), and the model is registered as the next version of -ModelName with stage None. The new ModelVersion is written to the pipeline. It supports -WhatIf.'
    )
    Parameters  = @{
        TrainingData = 'Training rows as objects from the pipeline (Import-Csv, a query): numeric features, the target column and the unit column.'
        TrainingPath = 'A training data file: CSV with a header, or C-MAPSS text (train_FD00N.txt[.gz] gets its run-to-failure rul column). Alias: Path.'
        ModelName    = 'The registered model name. Default: deployment.model_name. Tab completion offers the registered names.'
        Trainer      = 'FastTree, LightGbm, FastForest or Sdca. Default: training.trainer.'
        TargetColumn = 'The column to predict. Default: data.target_column (rul).'
        Feature      = 'The feature columns (numeric; a text column here is an error naming it). Default: data.feature_columns, else every numeric column but the target, timestamp, unit and excluded ones; text columns are skipped, as -Verbose says.'
        TimestampColumn = 'The column holding each row''s time (ISO 8601; no offset means UTC), as for Test-ModelDrift. Default: data.timestamp_column. With timestamps only the last pipeline.training_window_days (90) days up to the latest row are trained on.'
        Description  = 'A description of the new version.'
    }
    Inputs      = @{ 'System.Management.Automation.PSObject' = 'Training rows, bound to -TrainingData.' }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'The registered version, with its test metrics.' }
    Examples    = @(
        @{ Title = 'train on a file'; Code = 'Invoke-ModelTraining -TrainingPath .\train_FD001.txt.gz -ModelName pm'; Remarks = 'Trains FastTree on C-MAPSS FD001 and registers version 1 (or the next) of pm.' }
        @{ Title = 'objects, another trainer'; Code = 'Import-Csv .\train.csv | Invoke-ModelTraining -ModelName pm -Trainer LightGbm -Description ''Q4 retrain'' -Verbose'; Remarks = 'Trains LightGBM on piped rows; -Verbose prints the test metrics and the run id.' }
        @{ Title = 'what would happen'; Code = 'Invoke-ModelTraining .\train.csv -WhatIf'; Remarks = 'Reads the data and says what it would train and register, without doing it.' }
    )
    Related     = @('Invoke-ModelPrediction', 'Get-ModelVersion', 'Register-ModelVersion')
}
