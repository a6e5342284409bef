@{
    Synopsis    = 'Rolls Production back to the version before the current one, or to -ToVersion; or ends the shadow (-Shadow) or aborts the canary (-Canary).'
    Description = @(
        'Undo-ModelDeployment returns a model''s Production to the version that served before the current one, read from the deployment history: the latest earlier Production version that is still registered and was not itself rolled back from, so two rollbacks in a row go further back instead of bouncing between two versions. -ToVersion names the version instead.'
        'The change is one registry event, like a publish: the version rolled back to becomes Production and the current one is archived, with the current one recorded as rolled back from. It is made only if Production still holds the version it rolls back from (another process may have published since: ProductionMoved names who).'
        'The version rolled back to passes the same checks as a publish before anything changes: its files against their SHA-256, the model loaded and scoring one row.'
        'Refused with a clear error when deployment.enable_rollback is false (RollbackDisabled), when no version is in Production or none can be gone back to (NothingToRollBack), or when -ToVersion is the current one. Every rollback is in Get-DeploymentHistory and is a run of the model_deployment experiment.'
        'With -Shadow it ends the model''s shadow instead (Publish-ProductionModel -Strategy Shadow): one registry event; the version keeps its stage, Production does not change, and Invoke-ModelPrediction stops scoring it. No shadow is NoDeploymentRole. The DeploymentRecord says ShadowEnded.'
        'With -Canary it aborts the model''s canary (Publish-ProductionModel -Strategy Canary) by hand: one registry event; the version keeps its stage, Production does not change and serves every row again. No canary is NoDeploymentRole. The DeploymentRecord says CanaryAborted, with no gate (a gate that fails aborts it the same way: Step-ModelDeployment).'
        'The change asks for confirmation (ConfirmImpact High) unless -Force; -WhatIf says which version would come back.'
    )
    Parameters  = @{
        Name      = 'The model (default: deployment.model_name). Binds from the pipeline by property name (Name of a ModelVersion, ModelName of a DeploymentRecord).'
        ToVersion = 'The version to go back to, instead of the one before the current one.'
        Shadow    = 'Ends the shadow instead of rolling Production back; the shadow''s version keeps its stage.'
        Canary    = 'Aborts the canary instead of rolling Production back; the canary''s version keeps its stage and Production serves all equipment again.'
        Reason    = 'Why: recorded in the registry event, the history and the deployment run.'
        Force     = 'Rolls back without asking for confirmation, for unattended runs. It does not override the checks, -WhatIf or an explicit -Confirm.'
    }
    Inputs      = @{ 'Retrain.Engine.Deployment.DeploymentRecord' = 'ModelName binds to -Name.' }
    Outputs     = @{ 'Retrain.Engine.Deployment.DeploymentRecord' = 'DeploymentStatus RolledBack; ModelVersion is the version rolled back to, RolledBackFrom the one archived. With -Shadow: ShadowEnded, ModelVersion the former shadow. With -Canary: CanaryAborted, ModelVersion the former canary.' }
    Examples    = @(
        @{ Title = 'roll back the last release'; Code = "Undo-ModelDeployment pm -Reason 'MAE rose after the release' -Force"; Remarks = 'Production goes back to the version that served before; the current one is archived and never chosen by a later rollback.' }
        @{ Title = 'see which version would come back'; Code = 'Undo-ModelDeployment pm -ToVersion 5 -WhatIf'; Remarks = '"What if" names the version rolled back from and the one rolled back to; nothing changes.' }
        @{ Title = 'end the shadow'; Code = "Undo-ModelDeployment pm -Shadow -Reason 'seen enough' -Force"; Remarks = 'The shadow stops scoring beside Production; its version and Production stay as they are.' }
        @{ Title = 'try a canary, then abort it'; Code = "Publish-ProductionModel -Name predictive_maintenance_model -Version 4 -Strategy Canary -Force | Out-Null`nUndo-ModelDeployment predictive_maintenance_model -Canary -Reason 'alarm from the plant' -Force"; Remarks = 'The canary stops serving its share of the equipment; Production serves every row again, and neither version changes stage.' }
    )
    Related     = @('Publish-ProductionModel', 'Step-ModelDeployment', 'Get-DeploymentHistory', 'Get-ProductionModel')
}
