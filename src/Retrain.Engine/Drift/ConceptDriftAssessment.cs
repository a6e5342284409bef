namespace Retrain.Engine.Drift;

/// <summary>
/// Whether the model got worse on recent labelled data: ConceptDriftScore = MAE(current) / MAE(reference) − 1,
/// drift when it exceeds concept_drift_threshold. Without labels (or a model) it is "not assessed", never "absent".
/// The reference MAE is an out-of-sample figure; <see cref="ReferenceErrorSource"/> says which.
/// </summary>
public sealed class ConceptDriftAssessment
{
    public bool Assessed { get; private init; }
    public string? ModelUri { get; private init; }
    public double? ReferenceMae { get; private init; }
    public double? CurrentMae { get; private init; }
    public double? Score { get; private init; }
    public bool Detected { get; private init; }

    /// <summary>Where <see cref="ReferenceMae"/> comes from, when assessed.</summary>
    public ReferenceErrorSource? ReferenceErrorSource { get; private init; }

    /// <summary>How many rows <see cref="ReferenceMae"/> is the mean over (held-out rows for <see cref="Drift.ReferenceErrorSource.HeldOutAtTraining"/>).</summary>
    public int? ReferenceErrorRows { get; private init; }

    /// <summary>Why concept drift was not assessed, when it was not.</summary>
    public string? Note { get; private init; }

    public static ConceptDriftAssessment NotAssessed(string reason, string? modelUri = null) =>
        new() { Assessed = false, Note = reason, ModelUri = modelUri };

    public static ConceptDriftAssessment Assess(string modelUri, double referenceMae, double currentMae, double threshold,
        ReferenceErrorSource source = Drift.ReferenceErrorSource.ReferenceWindow, int? referenceRows = null)
    {
        // A perfect reference (MAE 0) makes the ratio meaningless: any error now is drift, none is not.
        if (referenceMae <= 0)
            return new() { Assessed = true, ModelUri = modelUri, ReferenceMae = referenceMae, CurrentMae = currentMae, Score = null, Detected = currentMae > 0,
                ReferenceErrorSource = source, ReferenceErrorRows = referenceRows,
                Note = "The model's reference error is 0, so the relative increase is undefined." };
        var score = currentMae / referenceMae - 1;
        return new() { Assessed = true, ModelUri = modelUri, ReferenceMae = referenceMae, CurrentMae = currentMae, Score = score, Detected = score > threshold,
            ReferenceErrorSource = source, ReferenceErrorRows = referenceRows };
    }
}
