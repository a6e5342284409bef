using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>The lifecycle stage of a model version (MLflow's stages). At most one version per model is in Production.</summary>
public enum ModelStage
{
    None,
    Staging,
    Production,
    Archived,
}
