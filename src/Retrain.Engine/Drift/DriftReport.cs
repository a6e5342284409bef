using Retrain.Engine.Configuration;

namespace Retrain.Engine.Drift;

/// <summary>The outcome of one drift check: what drifted, by how much, and what to do about it.</summary>
public sealed class DriftReport
{
    public bool DriftDetected { get; init; }

    public DriftType DriftType { get; init; }

    /// <summary>The largest KS statistic over the features (0 when none was tested).</summary>
    public double DriftScore { get; init; }

    /// <summary>Relative MAE increase of the model on the current window; null when not assessed.</summary>
    public double? ConceptDriftScore { get; init; }

    /// <summary>Whether the model's error was measured on both windows (labels and a model were there).</summary>
    public bool ConceptDriftAssessed { get; init; }

    /// <summary>The model whose error was measured, when concept drift was assessed or attempted.</summary>
    public string? ModelUri { get; init; }

    public double? ReferenceMae { get; init; }

    public double? CurrentMae { get; init; }

    /// <summary>
    /// Where <see cref="ReferenceMae"/> comes from: the model's held-out error at training (the reference window is its
    /// training data), its error on the reference rows of units it did not train on, or on the whole reference window.
    /// Null when concept drift was not assessed.
    /// </summary>
    public ReferenceErrorSource? ReferenceErrorSource { get; init; }

    /// <summary>How many rows <see cref="ReferenceMae"/> is the mean over.</summary>
    public int? ReferenceErrorRows { get; init; }

    /// <summary>
    /// Why concept drift was not assessed (no labels, no production model), when it was not; when it was, why the
    /// increase was not tested by engines (no unit column), if it was not.
    /// </summary>
    public string? ConceptNote { get; init; }

    // Concept drift by engines (issue 12): the unit-bootstrap interval of ConceptDriftScore and whether it clears 0.

    /// <summary>Whether <see cref="ConceptDriftScore"/> is above drift_detection.concept_drift_threshold (the size condition alone).</summary>
    public bool ConceptDriftExceedsThreshold { get; init; }

    /// <summary>Lower bound of <see cref="ConceptDriftScore"/>'s unit-bootstrap interval; null when not tested by engines.</summary>
    public double? ConceptDriftLower { get; init; }

    public double? ConceptDriftUpper { get; init; }

    /// <summary>The interval's coverage: 1 - model_comparison.significance_level.</summary>
    public double? ConceptDriftLevel { get; init; }

    /// <summary>Whether the increase is significant by engines (the interval's lower bound above 0); null when not tested.</summary>
    public bool? ConceptDriftSignificant { get; init; }

    /// <summary>How many units each window's error is over, in the interval.</summary>
    public int? ConceptReferenceUnits { get; init; }

    public int? ConceptCurrentUnits { get; init; }

    public IReadOnlyList<string> AffectedFeatures { get; init; } = Array.Empty<string>();

    public IReadOnlyList<FeatureDrift> Features { get; init; } = Array.Empty<FeatureDrift>();

    public string Recommendation { get; init; } = string.Empty;

    public string ReferenceWindow { get; init; } = string.Empty;

    public string CurrentWindow { get; init; } = string.Empty;

    /// <summary>The latest timestamp of the current window (null without timestamps): where a retraining triggered by this report ends its data.</summary>
    public DateTimeOffset? CurrentWindowEnd { get; init; }

    public int ReferenceCount { get; init; }

    public int CurrentCount { get; init; }

    public DriftStatus Status { get; init; }

    public PValueCorrection Correction { get; init; }

    public double Threshold { get; init; }

    public double MinStatistic { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    // Which p-value decided (issue 12): the engine-calibrated one when the windows carry a group column, else the
    // row-level one with rows assumed independent.

    /// <summary>Whether <see cref="Rule"/> used the engine-calibrated p-values or the row-level ones.</summary>
    public PValueBasis PValueBasis { get; init; }

    /// <summary>The decision rule in words: which p, which correction, which threshold and floor.</summary>
    public string Rule { get; init; } = string.Empty;

    /// <summary>The engine null that calibrated the p-values (<see cref="CalibratedPValues.Scheme"/>); null on row basis.</summary>
    public string? NullScheme { get; init; }

    /// <summary>Engine splits the calibrated p-values are over (0 on row basis).</summary>
    public int Permutations { get; init; }

    /// <summary>True when every possible engine split was evaluated (the p-values are exact, not Monte Carlo).</summary>
    public bool PermutationsExact { get; init; }

    /// <summary>True when the permutations stopped early because no feature could reach the threshold any more.</summary>
    public bool PermutationsStoppedEarly { get; init; }

    /// <summary>The group (equipment) column the engines were read from; null on row basis.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Engines in the reference and the current window (0 without a usable group column).</summary>
    public int ReferenceEngines { get; init; }

    public int CurrentEngines { get; init; }

    /// <summary>The tracking run this report was logged as, when it was logged.</summary>
    public string? RunId { get; set; }
}
