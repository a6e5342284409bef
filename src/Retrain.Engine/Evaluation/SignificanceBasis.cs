namespace Retrain.Engine.Evaluation;

/// <summary>What a comparison's significance test took as its independent replicates.</summary>
// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum SignificanceBasis : long
{
    /// <summary>Rows: the paired t-test on per-row absolute errors (no unit column in the test data).</summary>
    Rows,

    /// <summary>Units: the paired t-test on each unit's mean absolute error (the test data has a unit column).</summary>
    Units,
}
