@{
    Synopsis    = 'Gets the drift checks recorded in the drift_monitoring experiment, newest first.'
    Description = @(
        'Every Test-ModelDrift report is recorded as a run of the drift_monitoring experiment. Get-DriftHistory reads them back as one object per check: when it ran, whether drift was found, the drift score (largest KS statistic), the concept drift score when a model was assessed, the affected features and the windows compared. Use it to chart drift over time or to see when a feature started to move.'
    )
    Parameters  = @{
        After     = 'Only checks started at or after this time.'
        Before    = 'Only checks started before this time.'
        First     = 'At most this many checks (the newest).'
        DriftOnly = 'Only the checks that found drift.'
    }
    Outputs     = @{ 'Retrain.Engine.Drift.DriftHistoryEntry' = 'Timestamp, RunId, DriftDetected, DriftType, Status, DriftScore, ConceptDriftScore, AffectedFeatures, ReferenceWindow, CurrentWindow.' }
    Examples    = @(
        @{ Title = 'the last ten checks'; Code = 'Get-DriftHistory -First 10'; Remarks = 'Lists the ten most recent drift checks, newest first.' }
        @{ Title = 'when did s11 start drifting'; Code = "Get-DriftHistory -DriftOnly -After (Get-Date).AddDays(-90) | Where-Object AffectedFeatures -contains 's11' | Select-Object -Last 1"; Remarks = 'Finds the earliest check in the last 90 days that flagged sensor s11.' }
        @{ Title = 'the full report of a past check'; Code = 'Get-DriftHistory -First 1 | Get-RetrainRun'; Remarks = 'Gets the run behind the newest check, with every per-feature statistic as a metric.' }
    )
    Related     = @('Test-ModelDrift', 'Get-RetrainRun')
}
