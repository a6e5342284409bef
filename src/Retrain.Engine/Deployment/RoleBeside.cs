using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>What a shadow and a canary both need before they start: a Production version to run beside.</summary>
internal static class RoleBeside
{
    /// <summary>The Production version of <paramref name="version"/>'s model; none is ShadowWithoutProduction or CanaryWithoutProduction.</summary>
    public static ModelVersion Production(IModelRegistryStore store, ModelVersion version, DeploymentRole role) =>
        store.GetVersionByStage(version.Name, ModelStage.Production)
        ?? throw new RetrainException($"{role}WithoutProduction", RetrainErrorKind.InvalidOperation,
            $"Model '{version.Name}' has no version in Production, so {version.Uri} has nothing to run beside as its {RoleNames.Of(role)}: " +
            "publish one with -Strategy Direct first.", version.Uri);
}
