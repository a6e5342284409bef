namespace Retrain.Engine.Deployment;

/// <summary>What a deployment did (the seed's <c>deployment_status</c>).</summary>
public enum DeploymentStatus : long
{
    /// <summary>The version is in Production; the previous one was archived in the same change.</summary>
    Deployed,
    /// <summary>The version was already in Production: nothing changed.</summary>
    AlreadyInProduction,
    /// <summary>The version is the shadow: it scores beside Production, which did not change.</summary>
    ShadowStarted,
    /// <summary>The version is the canary at the first step of deployment.canary_steps; Production serves the other rows.</summary>
    CanaryStarted,
    /// <summary>A gate passed: the canary serves the next step's share of the rows.</summary>
    CanaryAdvanced,
    /// <summary>The canary ended without being promoted (a failed gate, or by hand); its version keeps its stage, Production did not change.</summary>
    CanaryAborted,
    PendingApproval,
    Denied,
    /// <summary>Production went back to an earlier version; the one rolled back from was archived.</summary>
    RolledBack,
    /// <summary>The shadow ended without its version changing stage; Production did not change.</summary>
    ShadowEnded,
    /// <summary>The gate was inconclusive (too few labelled rows or machines of the canary's share): nothing changed.</summary>
    CanaryHeld,
}
