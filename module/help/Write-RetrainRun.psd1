@{
    Synopsis    = 'Logs a run of your own: parameters, tags, metrics by step and files, in one call.'
    Description = @(
        'Write-RetrainRun records work done outside Retrain (a manual evaluation, a data export, a model trained elsewhere) as a run of the tracking store, beside the runs Retrain writes, so Get-RetrainRun, Get-RetrainMetric and Get-RetrainRunArtifact read it back. The experiment is created on first use.'
        'The whole run is one call: it is started and ended Finished together and written in one batch, so a script that stops halfway never leaves a run Running. A value that cannot be stored (a bad key, an artifact path leaving the run) fails the call with the run ended Failed and the error recorded on it; a file that does not exist is an error before any run is started.'
        'Metrics: key = value logs one point at step 0; key = @(v0, v1, ...) logs one point per value at steps 0, 1, ... (a metric''s history, e.g. a loss per epoch).'
    )
    Parameters  = @{
        Experiment   = 'The experiment the run belongs to (created if new). Tab completion offers the known names. Binds from the pipeline by property name.'
        RunName      = 'A name for the run, shown by Get-RetrainRun.'
        Metric       = 'Metrics as a hashtable: key = number, or key = @(numbers) for values at steps 0, 1, ... A value that is not a number is an error naming the key.'
        Parameter    = 'Parameters (inputs of the work) as a hashtable of key = value; values are stored as text.'
        Tag          = 'Tags as a hashtable of key = value.'
        ArtifactFile = 'Files or folders to store with the run; a folder adds every file under it, keeping its layout. Relative paths are relative to the current location.'
        ArtifactPath = 'The folder of the run the files go in (e.g. reports); default: the run''s root.'
    }
    Inputs      = @{ 'System.Management.Automation.PSObject' = 'Objects with Experiment, RunName, Metric, Parameter, Tag or ArtifactFile properties: one run each.' }
    Outputs     = @{ 'Retrain.Engine.Tracking.Run' = 'The run as logged (Finished).' }
    Examples    = @(
        @{ Title = 'a manual evaluation'; Code = "Write-RetrainRun -Experiment manual_checks -RunName 'bench test engine 7' -Parameter @{ engine = 'ENG-7' } -Metric @{ mae = 14.2; rmse = 19.8 } -Tag @{ reviewer = 'ops' }"; Remarks = 'One finished run with two parameters, two metrics and a tag.' }
        @{ Title = 'a metric per epoch and a file'; Code = "`$notes = Join-Path ([IO.Path]::GetTempPath()) 'notes.txt'`nSet-Content `$notes 'trained on the Q3 export'`nWrite-RetrainRun my_experiments -Metric @{ loss = 0.9, 0.7, 0.5 } -ArtifactFile `$notes -ArtifactPath docs | Get-RetrainRunArtifact"; Remarks = 'Logs loss at steps 0, 1 and 2 and stores notes.txt as docs/notes.txt.' }
    )
    Related     = @('Get-RetrainRun', 'Get-RetrainMetric', 'Get-RetrainRunArtifact')
}
