namespace Retrain.Engine.Deployment;

/// <summary>What a deployment did (the seed's <c>deployment_status</c>).</summary>
public enum DeploymentStatus : long
{
    /// <summary>The version is in Production; the previous one was archived in the same change.</summary>
    Deployed,
    /// <summary>The version was already in Production: nothing changed.</summary>
    AlreadyInProduction,
    ShadowStarted,
    CanaryStarted,
    CanaryAdvanced,
    CanaryAborted,
    PendingApproval,
    Denied,
    /// <summary>Production went back to an earlier version; the one rolled back from was archived.</summary>
    RolledBack,
}
