@{
    Synopsis    = 'Puts a registered model version in Production, archiving the previous one in the same change, or makes it the shadow beside Production.'
    Description = @(
        'Publish-ProductionModel makes a version the one that serves its model. The version in Production before is archived by the same registry event, so no reader (another process, another machine on a shared store) ever sees two Production versions, or none, in between; a crash at any moment leaves one of the two states. A model has at most one Production version, so there is no switch to keep the old one.'
        'Before anything changes, the version''s files are checked against the SHA-256 recorded at registration, and the model is loaded from those bytes and scores one row of its own input schema (zeros): a version that is tampered with, does not load or scores no number is never published, whatever its comparison said.'
        'With -ExpectedCurrentVersion the change happens only if Production still holds that version (0: none): a challenger compared against yesterday''s champion cannot replace today''s. The check runs under the store''s lock with the change, and a refusal (ProductionMoved) names who moved Production, from which machine, when and why. A ComparisonReport piped in binds its ChampionVersion to it.'
        'Publishing the version already in Production changes nothing and says so (AlreadyInProduction). Every publish is an event in the registry''s history (Get-DeploymentHistory: user, machine, time, -Reason) and a run of the model_deployment experiment; a refused one ends that run Failed with the reason.'
        'With -Strategy Shadow (or deployment.strategy: shadow) the version becomes the shadow of its model and Production does not change: the version passes the same checks, then takes the shadow role in one registry event (from the version that held it, if any). Invoke-ModelPrediction then scores the shadow beside Production on the same rows, and with -Record logs both predictions, so Compare-Model -Shadow can compare the two once outcomes arrive. A shadow needs a version in Production (ShadowWithoutProduction otherwise) and cannot be the Production version (RoleOnProduction) or an Archived one (RoleOnArchived); -ExpectedCurrentVersion is checked as for Direct. Publishing the shadow again changes nothing (EventSequence is null).'
        'The shadow ends when its version is published Direct (or rolled back to, or archived): in that same registry event, so a shadow is never the version it shadows. Undo-ModelDeployment -Shadow ends it without a stage change. Get-ProductionModel shows it (Shadow), Get-DeploymentHistory lists ShadowStarted and ShadowEnded.'
        'The Canary strategy is not available in this version: -Strategy Canary (or deployment.strategy: canary) is refused with StrategyNotAvailable and changes nothing.'
        'The change asks for confirmation (ConfirmImpact High) unless -Force; it supports -WhatIf and -Confirm. A non-interactive session without -Force gets an error that says to add it.'
    )
    Parameters  = @{
        ModelUri               = 'The version to publish: models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>. Binds from the pipeline by property name (Uri of a ModelVersion, ModelUri of a ComparisonReport).'
        Name                   = 'With -Version, the model name instead of a URI.'
        Version                = 'With -Name, the version number.'
        Strategy               = 'Direct (replace Production) or Shadow (score beside Production, which does not change). Default: deployment.strategy (direct). Canary is not available yet and is refused.'
        ExpectedCurrentVersion = 'Publish only if this version is in Production when the change is made (0: no version is). Binds by property name from ChampionVersion.'
        Reason                 = 'Why: recorded in the registry event, the history and the deployment run.'
        Force                  = 'Publishes without asking for confirmation, for unattended runs. It does not override the checks, -WhatIf or an explicit -Confirm.'
    }
    Inputs      = @{
        'Retrain.Engine.Registry.ModelVersion'       = 'Uri binds to -ModelUri.'
        'Retrain.Engine.Evaluation.ComparisonReport' = 'ModelUri (the challenger) binds to -ModelUri and ChampionVersion to -ExpectedCurrentVersion.'
    }
    Outputs     = @{ 'Retrain.Engine.Deployment.DeploymentRecord' = 'ModelName, ModelVersion, PreviousVersion (for a shadow: the Production version it runs beside), Strategy, DeploymentStatus (Deployed, AlreadyInProduction or ShadowStarted), TrafficPercent (0 for a shadow: it serves no rows), Timestamp, User, Machine, Reason, EventSequence, RunId.' }
    Examples    = @(
        @{ Title = 'publish a version'; Code = "Publish-ProductionModel -Name pm -Version 7 -Reason 'lower MAE on last week' -Force"; Remarks = 'Version 7 of pm serves from now on; the version that was in Production is archived in the same change. The record says which one it replaced.' }
        @{ Title = 'see what a publish would do'; Code = 'Get-ModelVersion pm -Alias candidate | Publish-ProductionModel -WhatIf'; Remarks = 'Nothing is checked or changed; "What if" names the version.' }
        @{ Title = 'refuse a publish when Production moved'; Code = "Publish-ProductionModel models:/pm/8 -ExpectedCurrentVersion 1 -Force -ErrorAction SilentlyContinue -ErrorVariable moved`n`$moved.Exception.Message"; Remarks = 'Production does not hold version 1, so nothing changes; the message names the version in Production and who put it there.' }
        @{ Title = 'run a candidate as the shadow'; Code = "Publish-ProductionModel -Name pm -Version 1 -Strategy Shadow -Reason 'watch it on live data' -Force"; Remarks = 'Version 1 scores beside Production (Invoke-ModelPrediction) without serving; Production does not change. Compare the two later with Compare-Model -Shadow.' }
    )
    Related     = @('Undo-ModelDeployment', 'Get-DeploymentHistory', 'Get-ProductionModel', 'Compare-Model')
}
