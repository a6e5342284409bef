@{
    Synopsis    = 'Lists the model versions that wait for approval: who asked, when, why, and until when.'
    Description = @(
        'With pipeline.require_approval true, a pipeline candidate that wins its comparison waits in Staging for a person (Approve-ModelDeployment or Deny-ModelDeployment). Get-PendingDeployment lists those requests, oldest first: the version, who asked and from which machine, when, the reason, when the request expires (deployment.approval_expiry_days after it was made, default 7) and the Production version it was compared against (ExpectedCurrentVersion: approving it publishes only over that one).'
        'The list is read from the registry''s events, so it is the same on every machine that uses the store. A request is open until it is approved, denied, or the version is moved out of Staging by other means. Expired requests are left out unless -IncludeExpired; Expired says whether the deadline had passed when the list was read.'
    )
    Parameters  = @{
        Name           = 'The models (default: every model). Binds from the pipeline by property name. An unknown model is an error naming it.'
        IncludeExpired = 'Lists expired requests too (they can be denied, not approved).'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Name binds to -Name.' }
    Outputs     = @{ 'Retrain.Engine.Deployment.PendingDeployment' = 'ModelName, Version, ModelUri, RequestedBy, Machine, RequestedAt, Reason, ExpiresAt, Expired, ExpectedCurrentVersion, Strategy, EventSequence.' }
    Examples    = @(
        @{ Title = 'what waits for a decision'; Code = 'Get-PendingDeployment'; Remarks = 'The open requests of every model, oldest first.' }
        @{ Title = 'every request of a model, expired ones too'; Code = 'Get-PendingDeployment pm -IncludeExpired | Format-Table ModelName, Version, RequestedBy, ExpiresAt, Expired, Reason'; Remarks = 'Expired requests can only be denied.' }
        @{ Title = 'a scheduled reminder'; Code = "Get-PendingDeployment | Where-Object ExpiresAt -lt (Get-Date).AddDays(2) | ForEach-Object { `"`$(`$_.ModelUri) expires `$(`$_.ExpiresAt)`" }"; Remarks = 'Names the requests that expire within two days, for a mail or chat message.' }
    )
    Related     = @('Approve-ModelDeployment', 'Deny-ModelDeployment', 'Get-DeploymentHistory')
}
