using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>The lifecycle stage of a model version (MLflow's stages). At most one version per model is in Production.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum ModelStage : long
{
    None,
    Staging,
    Production,
    Archived,
}
