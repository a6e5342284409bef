@{
    Synopsis    = 'Publishes a model version that waits for approval, recording who approved it and who asked.'
    Description = @(
        'When pipeline.require_approval is true, a pipeline candidate that wins its comparison is not published: it waits in Staging as PendingApproval, with who asked, why and until when (Get-PendingDeployment). Approve-ModelDeployment is the person''s decision to publish it. A person running Publish-ProductionModel directly is making that decision already; approval is for what the pipeline proposes.'
        'The approval is a publish: the version passes the same checks first (its files against their SHA-256, the model loaded and scoring one row: its files may have changed while it waited), then it becomes Production and the previous version is archived in one registry event. That event records the approver (the user running this), the machine, -Reason, and who asked for it (RequestedBy).'
        'It publishes only over the champion the candidate was compared against: if another version reached Production since the request, nothing changes and the error (ProductionMoved) names who moved it, so a candidate beaten by today''s champion cannot replace it. Each request is decided once: two people approving (or one approving while another denies) at the same time cannot both go through.'
        'Refused, with nothing changed, when the version has no open request (NoPendingApproval, naming what moved it last), when the request was already approved or denied (ApprovalAlreadyDecided: by whom, when, why), or when it expired (ApprovalExpired: it says when; deployment.approval_expiry_days, default 7). An expired request can still be denied, which closes it.'
        'Every approval is in Get-DeploymentHistory (Action Approved) and is a run of the model_deployment experiment. The change asks for confirmation (ConfirmImpact High) unless -Force; -WhatIf and the prompt say who asked and why.'
    )
    Parameters  = @{
        Name    = 'The model (default: deployment.model_name). Binds from the pipeline by property name (ModelName of a PendingDeployment, Name of a ModelVersion).'
        Version = 'The version that waits for approval. Binds from the pipeline by property name.'
        Reason  = 'Why you approve it: recorded in the registry event, the history and the deployment run.'
        Force   = 'Approves without asking for confirmation, for unattended runs. It does not override the checks, -WhatIf or an explicit -Confirm.'
    }
    Inputs      = @{ 'Retrain.Engine.Deployment.PendingDeployment' = 'ModelName binds to -Name, Version to -Version.' }
    Outputs     = @{ 'Retrain.Engine.Deployment.DeploymentRecord' = 'DeploymentStatus Deployed; User is the approver, RequestedBy who asked, PreviousVersion the version archived.' }
    Examples    = @(
        @{ Title = 'approve what the pipeline proposed'; Code = "Approve-ModelDeployment pm 8 -Reason 'segment report reviewed' -Force"; Remarks = 'Version 8 of pm serves from now on; the version it was compared against is archived in the same change, and the record names you as the approver.' }
        @{ Title = 'see what approving the oldest request would do'; Code = 'Get-PendingDeployment pm | Select-Object -First 1 | Approve-ModelDeployment -WhatIf'; Remarks = '"What if" names the version, who asked, when and why; nothing changes.' }
        @{ Title = 'an expired request is refused'; Code = "Approve-ModelDeployment pm 3 -Force -ErrorAction SilentlyContinue -ErrorVariable late`n`$late.Exception.Message"; Remarks = 'The message says when the request expired and who had asked; nothing changes. Deny-ModelDeployment closes it.' }
    )
    Related     = @('Get-PendingDeployment', 'Deny-ModelDeployment', 'Publish-ProductionModel', 'Get-DeploymentHistory')
}
