@{
    Synopsis    = 'Refuses a model version that waits for approval, with a reason; the version goes to Archived.'
    Description = @(
        'Deny-ModelDeployment records a person''s refusal of a version the pipeline proposed (pipeline.require_approval): the version leaves Staging for Archived in one registry event with deployment=denied, the reason, the user, machine and time, and who had asked (RequestedBy). Production is untouched. Archived, not None: a denied version was judged and is not to serve, and no rollback or stage lookup picks it; it can still be published by hand with Publish-ProductionModel.'
        '-Reason is required: whoever proposed it should learn why. An expired request can be denied (that closes it); a version with no open request (NoPendingApproval) or one already approved or denied (ApprovalAlreadyDecided) is refused with nothing changed. Two people deciding one request at the same time cannot both go through.'
        'Every denial is in Get-DeploymentHistory (Action Denied) and is a run of the model_deployment experiment. The change asks for confirmation (ConfirmImpact High) unless -Force; it supports -WhatIf and -Confirm.'
    )
    Parameters  = @{
        Name    = 'The model (default: deployment.model_name). Binds from the pipeline by property name (ModelName of a PendingDeployment, Name of a ModelVersion).'
        Version = 'The version that waits for approval. Binds from the pipeline by property name.'
        Reason  = 'Why it is refused (required): recorded in the registry event, the history and the deployment run.'
        Force   = 'Denies without asking for confirmation, for unattended runs. It does not override the checks, -WhatIf or an explicit -Confirm.'
    }
    Inputs      = @{ 'Retrain.Engine.Deployment.PendingDeployment' = 'ModelName binds to -Name, Version to -Version.' }
    Outputs     = @{ 'Retrain.Engine.Deployment.DeploymentRecord' = 'DeploymentStatus Denied; ModelVersion is the version refused, PreviousVersion the one in Production (unchanged), User who denied it, RequestedBy who asked.' }
    Examples    = @(
        @{ Title = 'refuse a candidate'; Code = "Deny-ModelDeployment pm 4 -Reason 'MAE worse on operating regime 3' -Force"; Remarks = 'Version 4 goes to Archived; Production is untouched and the history says who refused it and why.' }
        @{ Title = 'close every expired request'; Code = "Get-PendingDeployment -IncludeExpired | Where-Object Expired | Deny-ModelDeployment -Reason 'expired without review' -Force"; Remarks = 'Each expired request is denied, so nothing is left waiting in Staging.' }
    )
    Related     = @('Get-PendingDeployment', 'Approve-ModelDeployment', 'Get-DeploymentHistory')
}
