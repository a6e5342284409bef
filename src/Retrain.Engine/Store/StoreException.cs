using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// An error of the tracking/registry store. <see cref="RetrainException.Target"/> names what it is about as text:
/// a model version URI (<c>models:/pm/3</c>), a model (<c>models:/pm</c>), a run (<c>runs:/&lt;id&gt;</c>),
/// a run artifact (<c>runs:/&lt;id&gt;/model</c>), the rejected name itself, or a store file.
/// </summary>
public sealed class StoreException : RetrainException
{
    public StoreException(string errorId, RetrainErrorKind kind, string message, string? target, Exception? inner = null)
        : base(errorId, kind, message, target, inner)
    {
    }

    internal static StoreException Invalid(string errorId, string message, string target) =>
        new(errorId, RetrainErrorKind.InvalidArgument, message, target);

    internal static StoreException NotFound(string errorId, string message, string target) =>
        new(errorId, RetrainErrorKind.ObjectNotFound, message, target);

    internal static StoreException RunNotFound(string runId) =>
        NotFound("RunNotFound", $"No run with id '{runId}' in the store.", $"runs:/{runId}");

    internal static StoreException ModelNotFound(string name) =>
        NotFound("ModelNotFound", $"No registered model named '{name}'.", $"models:/{name}");

    /// <summary>
    /// The one error for "no version in that stage": NoProductionVersion for Production, ModelStageNotFound otherwise.
    /// </summary>
    public static StoreException NoVersionInStage(string name, Registry.ModelStage stage) => stage == Registry.ModelStage.Production
        ? NotFound("NoProductionVersion",
            $"Model '{name}' has no version in Production yet. Promote one with Publish-ProductionModel, or list versions with Get-ModelVersion -Name {name}.",
            $"models:/{name}/Production")
        : NotFound("ModelStageNotFound", $"Model '{name}' has no version in stage {stage}.", $"models:/{name}/{stage}");

    internal static StoreException VersionNotFound(string name, int version) =>
        NotFound("ModelVersionNotFound", $"Model '{name}' has no version {version}.", $"models:/{name}/{version}");
}
