@{
    Synopsis    = 'Gets the experiments in the tracking store.'
    Description = @(
        'An experiment groups runs of one kind. Retrain writes to drift_monitoring (Test-ModelDrift), automated_retraining (Invoke-ModelTraining, Register-ModelVersion), model_comparison, model_deployment and retraining_pipeline; each is created the first time something is logged to it.'
    )
    Parameters  = @{ Name = 'Experiment name(s); wildcards allowed. Tab completion offers the known names.' }
    Outputs     = @{ 'Retrain.Engine.Tracking.Experiment' = 'ExperimentId, Name, CreatedAt.' }
    Examples    = @(
        @{ Title = 'all experiments'; Code = 'Get-RetrainExperiment'; Remarks = 'Lists the experiments of the configured store.' }
        @{ Title = 'their runs'; Code = 'Get-RetrainExperiment drift* | Get-RetrainRun -First 5'; Remarks = 'The five newest runs of the matching experiments together: an experiment''s Experiment property (its name) binds to -Experiment.' }
    )
    Related     = @('Get-RetrainRun')
}
