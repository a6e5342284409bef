@{
    Synopsis    = 'Lists the stage changes of a model''s versions: promotions, rollbacks, approvals and other moves, with who, where, when and why.'
    Description = @(
        'Get-DeploymentHistory reads the registry''s events, so the history is exactly what the registry did: a change is in it if and only if it happened, after any crash. Each entry names the version, the stage it went to and the one it left, the version it replaced in that stage and those it archived, the strategy, the version a rollback went back from, and the user, machine, time and reason of the change.'
        'Action is Promoted (a version went to Production), RolledBack (Undo-ModelDeployment), RequestedApproval (a pipeline candidate went to Staging to wait for a person), Approved (Approve-ModelDeployment: it went to Production; RequestedBy says who asked, User who approved), Denied (Deny-ModelDeployment: it went to Archived) or StageChanged (any other stage change). Entries are oldest first.'
    )
    Parameters  = @{
        Name   = 'The models (default: every model). Binds from the pipeline by property name. An unknown model is an error naming it.'
        After  = 'Only changes at or after this time.'
        Before = 'Only changes before this time.'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name binds to -Name.' }
    Outputs     = @{ 'Retrain.Engine.Deployment.DeploymentHistoryEntry' = 'Sequence, Timestamp, ModelName, Action, Version, Stage, PreviousStage, PreviousVersion, Archived, Strategy, RolledBackFrom, RequestedBy, ExpiresAt, User, Machine, Reason.' }
    Examples    = @(
        @{ Title = 'the history of a model'; Code = 'Get-DeploymentHistory pm'; Remarks = 'Every stage change of pm, oldest first.' }
        @{ Title = 'who decided the requests for approval'; Code = "Get-DeploymentHistory pm | Where-Object Action -in 'Approved', 'Denied' | Format-Table Timestamp, Version, Action, RequestedBy, User, Reason"; Remarks = 'Each approval and denial, with who asked and who decided.' }
        @{ Title = 'who changed Production this week'; Code = "Get-DeploymentHistory -After (Get-Date).AddDays(-7) | Where-Object Stage -eq Production | Format-Table Timestamp, ModelName, Version, User, Machine, Reason"; Remarks = 'Promotions and rollbacks of every model in the last seven days.' }
    )
    Related     = @('Publish-ProductionModel', 'Undo-ModelDeployment', 'Get-ModelVersion')
}
