namespace Retrain.Engine.Drift;

// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum DriftType : long
{
    None,
    Data,
    Concept,
    Both,
}

// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum DriftStatus : long
{
    Ok,
    InsufficientData,
}
