namespace Retrain.Engine.Drift;

/// <summary>
/// Whether the model got worse on recent labelled data: ConceptDriftScore = MAE(current) / MAE(reference) − 1,
/// drift when it exceeds concept_drift_threshold and, where both windows have units, the increase is significant by
/// engines (the unit-bootstrap interval of the score lies above 0). Without labels (or a model) it is "not assessed",
/// never "absent". The reference MAE is an out-of-sample figure; <see cref="ReferenceErrorSource"/> says which.
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

    /// <summary>Whether <see cref="Score"/> is above concept_drift_threshold (the size condition alone).</summary>
    public bool ExceedsThreshold { get; private init; }

    /// <summary>The unit-bootstrap interval of <see cref="Score"/>; null without units in both windows.</summary>
    public ConceptDriftInterval? Interval { get; private init; }

    /// <summary>Whether the increase is significant by engines (the interval's lower bound above 0); null when not tested.</summary>
    public bool? Significant => Interval is { } i ? i.Lower > 0 : null;

    /// <summary>Why concept drift was not assessed, when it was not; when assessed, why its significance by engines was not tested.</summary>
    public string? Note { get; private init; }

    public static ConceptDriftAssessment NotAssessed(string reason, string? modelUri = null) =>
        new() { Assessed = false, Note = reason, ModelUri = modelUri };

    /// <summary>
    /// The assessment; <paramref name="interval"/> (the score's unit-bootstrap interval) makes significance by engines a
    /// condition of drift, and <paramref name="untested"/> says why there is none (no unit column, a single unit).
    /// </summary>
    public static ConceptDriftAssessment Assess(string modelUri, double referenceMae, double currentMae, double threshold,
        ReferenceErrorSource source = Drift.ReferenceErrorSource.ReferenceWindow, int? referenceRows = null,
        ConceptDriftInterval? interval = null, string? untested = null)
    {
        // A perfect reference (MAE 0) makes the ratio meaningless: any error now is drift, none is not.
        if (referenceMae <= 0)
            return new() { Assessed = true, ModelUri = modelUri, ReferenceMae = referenceMae, CurrentMae = currentMae, Score = null, Detected = currentMae > 0,
                ReferenceErrorSource = source, ReferenceErrorRows = referenceRows,
                Note = "The model's reference error is 0, so the relative increase is undefined." };
        var score = currentMae / referenceMae - 1;
        var exceeds = score > threshold;
        return new() { Assessed = true, ModelUri = modelUri, ReferenceMae = referenceMae, CurrentMae = currentMae, Score = score,
            ExceedsThreshold = exceeds, Interval = interval, Detected = exceeds && (interval is null || interval.Lower > 0),
            ReferenceErrorSource = source, ReferenceErrorRows = referenceRows, Note = interval is null ? untested : null };
    }
}

/// <summary>
/// The unit-bootstrap interval of a ConceptDriftScore: <see cref="Level"/> coverage from <see cref="Resamples"/>
/// resamples of whole units, each window's units drawn from that window alone.
/// </summary>
public sealed record ConceptDriftInterval(double Lower, double Upper, double Level, int ReferenceUnits, int CurrentUnits, int Resamples);
