@{
    RootModule           = 'Retrain.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1f3c0e-6a55-4b64-9d2a-3d1c5a8e2b71'
    Author               = 'Retrain developers'
    CompanyName          = 'Retrain'
    Copyright            = '(c) Retrain developers. MIT licence.'
    Description          = 'Keeps production ML models healthy from PowerShell: drift detection, champion/challenger comparison, a model registry and retraining, over a compiled .NET engine.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Retrain.Format.ps1xml')
    TypesToProcess       = @('Retrain.Types.ps1xml')
    CmdletsToExport      = @(
        'Approve-ModelDeployment'
        'Compare-Model'
        'Deny-ModelDeployment'
        'Get-DeploymentHistory'
        'Get-DriftHistory'
        'Get-ModelVersion'
        'Get-PendingDeployment'
        'Get-ProductionModel'
        'Get-RetrainExperiment'
        'Get-RetrainMetric'
        'Get-RetrainRun'
        'Get-RetrainRunArtifact'
        'Get-RetrainSchedule'
        'Get-RetrainStore'
        'Invoke-ModelPrediction'
        'Invoke-ModelTraining'
        'Invoke-Retraining'
        'Publish-ProductionModel'
        'Register-ModelVersion'
        'Remove-ModelVersion'
        'Remove-RetrainRun'
        'Repair-RetrainStore'
        'Save-ModelVersion'
        'Set-ModelVersion'
        'Step-ModelDeployment'
        'Test-ModelDrift'
        'Undo-ModelDeployment'
        'Write-RetrainRun'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('MachineLearning', 'MLOps', 'Drift', 'PredictiveMaintenance', 'ModelRegistry')
            ProjectUri = 'https://example.invalid/retrain'
        }
    }
}
