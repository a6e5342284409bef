@{
    Synopsis    = 'Gets tracked runs, newest first, filtered by experiment, status, time and tags.'
    Description = @(
        'A run is one tracked piece of work: a drift check, a training, a comparison. It holds parameters (set once), metrics (with step and timestamp), tags, a status and artifacts. Get-RetrainRun searches runs of the configured store, or gets runs by id.'
    )
    Parameters  = @{
        RunId      = 'Run id(s) (32 hex characters). Binds from the pipeline by property name, e.g. from a DriftReport or a ModelVersion.'
        Experiment = 'Only runs of these experiments. Tab completion offers the experiments of the store. Binds from the pipeline by property name Experiment, which experiments from Get-RetrainExperiment have; a piped run, model version or report binds its RunId instead.'
        Status     = 'Only runs with this status: Running, Finished, Failed or Killed.'
        After      = 'Only runs started at or after this time.'
        Before     = 'Only runs started before this time.'
        Tag        = 'Only runs having all of these tags, as a hashtable of key = value.'
        First      = 'At most this many runs (the newest).'
    }
    Inputs      = @{ 'System.String' = 'RunId or Experiment, by property name.' }
    Outputs     = @{ 'Retrain.Engine.Tracking.Run' = 'RunId, ExperimentName, RunName, Status, StartTime, EndTime, User, Machine, Params, Metrics, Tags, Uri; and for Export-Csv the same lists as flat text: ParamList, TagList, MetricList (see the CSV example of Get-ModelVersion). ConvertTo-Json writes Status by name.' }
    Examples    = @(
        @{ Title = 'failed trainings this week'; Code = 'Get-RetrainRun -Experiment automated_retraining -Status Failed -After (Get-Date).AddDays(-7)'; Remarks = 'Runs that failed in the last seven days.' }
        @{ Title = 'drift checks that found drift'; Code = 'Get-RetrainRun drift_monitoring -Tag @{ drift_detected = ''true'' } -First 3 | Select-Object StartTime, { $_.Metrics.drift_score }'; Remarks = 'The three newest drift checks that found drift, with their scores.' }
        @{ Title = 'the run behind a report'; Code = '(Test-ModelDrift ref.csv cur.csv) | Get-RetrainRun'; Remarks = 'The report''s RunId binds by property name.' }
    )
    Related     = @('Get-RetrainExperiment', 'Get-DriftHistory', 'Get-RetrainMetric', 'Get-RetrainRunArtifact', 'Remove-RetrainRun')
}
