using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>What to train: the data, which columns are features and target, how to split and which trainer.</summary>
public sealed class TrainingRequest
{
    public required Dataset Data { get; init; }

    /// <summary>Input feature columns (resolve them with <see cref="FeatureSelection.Resolve"/>).</summary>
    public required IReadOnlyList<string> Features { get; init; }

    public required string TargetColumn { get; init; }

    /// <summary>Equipment id: the split keeps each unit wholly on one side, and window features run per unit. Null: split by row.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Orders rows within a unit for window features (e.g. "cycle"). Null: "cycle" when the data has it, else row order.</summary>
    public string? OrderColumn { get; init; }

    public required TrainingOptions Options { get; init; }

    /// <summary>
    /// Share of units (or rows, without a group column) held out for the test split, in (0, 1); 0 fits on
    /// every row and holds nothing out (no test metrics: for a final fit scored on other data).
    /// </summary>
    public double TestSize { get; init; } = 0.2;

    /// <summary>Where the data came from (source, time window), recorded in the manifest.</summary>
    public string? DataDescription { get; init; }
}
