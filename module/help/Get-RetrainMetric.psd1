@{
    Synopsis    = 'Gets the history of a run''s metrics: every logged value, by step.'
    Description = @(
        'A run''s Metrics property holds the latest value of each metric (the highest step). Get-RetrainMetric returns every logged value, ordered by step, then time, as MLflow''s metric history: the points a run of your own logged with Write-RetrainRun -Metric @{ loss = 0.9, 0.7, 0.5 }, or the values a metric took.'
        'Without -Name it returns the history of every metric of the run. Output is grouped by run in the default view.'
    )
    Parameters  = @{
        RunId = 'The run id(s). Binds from the pipeline by property name, so Get-RetrainRun output can be piped in.'
        Name  = 'The metric key(s); wildcards allowed. Default: every metric of the run. Tab completion offers the keys of the run given by -RunId. A key that was never logged has no points.'
    }
    Inputs      = @{ 'Retrain.Engine.Tracking.Run' = 'RunId binds by property name.' }
    Outputs     = @{ 'Retrain.Engine.Tracking.RunMetric' = 'RunId, Key, Value, Step and Timestamp of each logged point.' }
    Examples    = @(
        @{ Title = 'a metric by step'; Code = "`$run = Write-RetrainRun -Experiment my_experiments -Metric @{ loss = 0.9, 0.7, 0.5 }`n`$run | Get-RetrainMetric -Name loss"; Remarks = 'Logs three values of loss at steps 0, 1 and 2, then reads them back in step order.' }
        @{ Title = 'drift statistics of the newest check'; Code = 'Get-RetrainRun drift_monitoring -First 1 | Get-RetrainMetric -Name ks_statistic.*'; Remarks = 'The KS statistic of every feature of the latest drift check.' }
    )
    Related     = @('Get-RetrainRun', 'Write-RetrainRun')
}
