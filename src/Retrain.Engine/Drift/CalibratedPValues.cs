namespace Retrain.Engine.Drift;

/// <summary>
/// Per-feature p-values of the KS statistics, calibrated on whole engines rather than rows: the null keeps the rows of
/// one engine together, because rows of one engine are not independent samples. <see cref="Adjusted"/> are already
/// corrected for testing many features (Westfall–Young max-statistic over one shared resampling), so no further
/// correction applies to them. <see cref="Scheme"/> names the null in words a report can show.
/// </summary>
public sealed record CalibratedPValues(
    double[] Raw,
    double[] Adjusted,
    string Scheme,
    int Resamples,
    bool Exact)
{
    /// <summary>True when resampling stopped before <see cref="Planned"/> because no feature could reach the threshold any more.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>The resamples configured (drift_detection.permutations); <see cref="Resamples"/> is how many ran. 0 when not given.</summary>
    public int Planned { get; init; }
}
