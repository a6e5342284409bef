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

/// <summary>
/// Where a concept-drift check's reference error comes from. Never the model's error on rows it was trained on:
/// that in-sample figure is too low, and every honest current error would look like drift against it.
/// </summary>
public enum ReferenceErrorSource : long
{
    /// <summary>The reference window is the model's training data: its error on the units it held out at training, as recorded in its manifest.</summary>
    HeldOutAtTraining,

    /// <summary>The reference window shares units with the model's training data: the model scored on the reference rows of the other units only.</summary>
    ReferenceRowsNotTrainedOn,

    /// <summary>The reference window has nothing the model trained on (as far as its manifest can tell): the model scored on all of it.</summary>
    ReferenceWindow,
}

/// <summary>Which p-values decided whether a feature drifted.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum PValueBasis : long
{
    /// <summary>The row-level KS p-values with the configured correction: rows assumed independent (no usable group column).</summary>
    Rows,

    /// <summary>The engine-calibrated p-values, adjusted for many features by the permutation itself (Westfall–Young).</summary>
    Engines,
}
