namespace Retrain.Engine.Drift;

public enum DriftType
{
    None,
    Data,
    Concept,
    Both,
}

public enum DriftStatus
{
    Ok,
    InsufficientData,
}
