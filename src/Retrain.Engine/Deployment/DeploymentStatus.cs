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
    CanaryStarted,
    CanaryAdvanced,
    CanaryAborted,
    PendingApproval,
    Denied,
    /// <summary>Production went back to an earlier version; the one rolled back from was archived.</summary>
    RolledBack,
    /// <summary>The shadow ended without its version changing stage; Production did not change.</summary>
    ShadowEnded,
}
