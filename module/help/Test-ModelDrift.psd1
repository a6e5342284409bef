@{
    Synopsis    = 'Tests whether current data has drifted away from the reference data the model was trained on.'
    Description = @(
        'Test-ModelDrift compares a reference window (typically the training data) with a current window (recent production data) feature by feature. For each numeric feature it runs a two-sample, two-sided Kolmogorov-Smirnov test whose statistic and p-value agree with scipy.stats.ks_2samp (exact when the larger sample has at most 10,000 rows, asymptotic otherwise), and reports the population stability index (10 quantile bins of the reference) and the Wasserstein-1 distance.'
        'P-values are corrected for testing many features at once (drift_detection.correction: bonferroni, fdr_bh or none). Because thousands of rows make even tiny differences significant, a feature counts as drifted only when its corrected p-value is below drift_detection.data_drift_threshold AND its KS statistic is at least drift_detection.min_statistic (default 0.1; set 0 for the pure p-value rule). The report shows both numbers so you can see why.'
        'When either window has fewer than drift_detection.min_samples rows, the report has Status InsufficientData and DriftDetected $false, with a recommendation that says why: never a false alarm.'
        'Data comes from files (-ReferencePath, -CurrentPath: CSV with a header row, or whitespace-separated C-MAPSS text; .gz is read directly) or from objects (-ReferenceData from the pipeline, -CurrentData), such as the rows of Import-Csv. The target column (data.target_column, default rul), the timestamp, group and excluded columns are not tested.'
        'Concept drift: when both windows carry labels (the target column), the model given by -ModelUri (default: the production version of deployment.model_name) is scored on both, and ConceptDriftScore = MAE(current) / MAE(reference) - 1; above drift_detection.concept_drift_threshold (0.15) it is concept drift. DriftType is then Data, Concept, Both or None, and the recommendation says what to do. Without labels or without a model, concept drift is reported as not assessed (ConceptDriftAssessed $false, with the reason), never as absent.'
        'Every report is recorded as a run of the drift_monitoring experiment (per-feature statistics as metrics, the report as a JSON artifact); its RunId is on the report, and Get-DriftHistory reads the history back.'
    )
    Parameters  = @{
        ReferencePath   = 'The reference data file: the data the model was trained on, or a known-good window. A CSV file with a header row (invariant culture: ''.'' decimal point), or C-MAPSS whitespace-separated text (*.txt, 26 columns named unit, cycle, setting1..setting3, s1..s21). Either may be gzipped (*.gz).'
        CurrentPath     = 'The current data file, in the same formats as -ReferencePath: the recent production window to check.'
        ReferenceData   = 'Reference rows as objects, usually from the pipeline (Import-Csv, a database query, custom objects, hashtables). Every property becomes a column; numbers may be numeric types or strings in invariant culture. A row whose value is missing, not a number, NaN or infinite is an error naming the input object and the property.'
        CurrentData     = 'Current rows as objects, with the same properties as the reference rows.'
        TargetColumn    = 'The label column, which is not tested for data drift. Default: data.target_column from the configuration (rul).'
        Feature         = 'Test only these columns. Default: data.feature_columns if set, else every column but the target, timestamp, group (data.group_column) and excluded ones (data.exclude_columns). A name that is not a column of both datasets is an error naming it.'
        TimestampColumn = 'The column holding each row''s time (ISO 8601; no offset means UTC). Default: data.timestamp_column. With timestamps, the current window is the last drift_detection.window_size_days (7) days up to -AsOf, and the reference window the pipeline.training_window_days (90) days before it, so one file can serve as both reference and current data. Without timestamps both inputs are used whole.'
        AsOf            = 'The end of the current window (included). Default: the latest timestamp in the current data. Needs a timestamp column. A window that holds fewer than drift_detection.min_samples rows gives an InsufficientData report.'
        ModelUri        = 'The model whose error is compared between the windows, for concept drift: models:/name/version, models:/name/Stage, models:/name@alias, runs:/<id>/model or a folder. Default: the production version of deployment.model_name, if there is one. A model named here that cannot be found is an error.'
        Quiet           = 'Return only $true (drift detected) or $false instead of the report, for use in if statements.'
    }
    Inputs      = @{ 'System.Management.Automation.PSObject' = 'Reference rows, bound to -ReferenceData.' }
    Outputs     = @{
        'Retrain.Engine.Drift.DriftReport' = 'DriftDetected, DriftType, DriftScore (largest KS statistic), AffectedFeatures, Features (per feature: Statistic, PValue, AdjustedPValue, Psi, Wasserstein, Method, Drifted), Recommendation, ReferenceWindow, CurrentWindow, Status, RunId.'
        'System.Boolean'                   = 'With -Quiet.'
    }
    Notes       = @(
        'The engine''s types live in the module''s own assembly load context, so a script cannot write [Retrain.Engine.Drift.DriftReport]; test a report with $report.PSObject.TypeNames -contains ''Retrain.Engine.Drift.DriftReport''.'
    )
    Examples    = @(
        @{ Title = 'two files'; Code = 'Test-ModelDrift -ReferencePath .\train.csv -CurrentPath .\last_week.csv'; Remarks = 'Compares every feature of last week''s data with the training data and prints a one-line report. Pipe it to Format-List for the recommendation, or expand .Features for the per-feature statistics.' }
        @{ Title = 'objects from the pipeline'; Code = 'Import-Csv .\reference.csv | Test-ModelDrift -CurrentData (Import-Csv .\current.csv) | Select-Object -ExpandProperty Features | Sort-Object Statistic -Descending'; Remarks = 'Reads the reference rows from the pipeline and lists the features, most drifted first.' }
        @{ Title = 'in a scheduled script'; Code = "`$ErrorActionPreference = 'Stop'`nif (Test-ModelDrift .\train.csv .\today.csv -ConfigPath .\retrain_config.yaml -Quiet) {`n    Write-Warning 'Data drift: retraining is due.'`n}"; Remarks = '-Quiet returns only $true or $false, for a condition in a runbook or scheduled task. Set $ErrorActionPreference to Stop first: then a missing or unreadable file ends the script with exit code 1 instead of printing an error and going on as if there were no drift.' }
        @{ Title = 'a subset of features, with diagnostics'; Code = 'Test-ModelDrift .\train_FD001.txt.gz .\train_FD002.txt.gz -Feature setting1, setting2, s2 -Verbose'; Remarks = 'Tests three C-MAPSS columns; -Verbose says which KS method ran for each feature (exact or asymptotic) and why.' }
        @{ Title = 'data and concept drift'; Code = 'Test-ModelDrift .\train.csv .\last_week_labelled.csv -ModelUri models:/pm/Production | Format-List'; Remarks = 'With labels in both files, also measures how much worse the production model does on last week (ConceptDriftScore); DriftType says Data, Concept, Both or None.' }
        @{ Title = 'the weekly check on one timestamped file'; Code = "Test-ModelDrift -ReferencePath .\fleet.csv -CurrentPath .\fleet.csv -TimestampColumn timestamp -AsOf '2026-11-22'"; Remarks = 'Compares the 7 days up to 22 November with the 90 days before them, both taken from the same file.' }
    )
    Related     = @('Get-DriftHistory', 'about_Retrain')
}
