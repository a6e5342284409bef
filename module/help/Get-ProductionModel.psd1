@{
    Synopsis    = 'Gets the version of a model that is in Production, with the run that produced it and the shadow beside it.'
    Description = @(
        'Get-ProductionModel returns the one version of each named model that is in the Production stage (the registry allows at most one). The object is a ModelVersion with its metrics and an extra Run property holding the tracked run that trained it (parameters, metrics, tags), a Shadow property: the version that scores beside it (Publish-ProductionModel -Strategy Shadow), or null; and Canary and CanaryPercent: the version serving a share of the equipment (Publish-ProductionModel -Strategy Canary) and that share, or null and 0. A model with no production version yet is an ObjectNotFound error that names it.'
    )
    Parameters  = @{
        Name = 'Model name(s). Default: deployment.model_name from the configuration (predictive_maintenance_model). Tab completion offers the registered names.'
    }
    Outputs     = @{ 'Retrain.Engine.Registry.ModelVersion' = 'The production version, with Run and Shadow (a ModelVersion, or null) properties.' }
    Examples    = @(
        @{ Title = 'the configured model'; Code = 'Get-ProductionModel'; Remarks = 'The production version of deployment.model_name.' }
        @{ Title = 'training parameters of what runs in production'; Code = '(Get-ProductionModel -Name pm).Run.Params'; Remarks = 'The trainer, hyperparameters and data window of the production model.' }
        @{ Title = 'what scores beside production'; Code = '(Get-ProductionModel).Shadow'; Remarks = 'The shadow version of deployment.model_name, or nothing when it has none.' }
    )
    Related     = @('Get-ModelVersion')
}
