namespace Retrain.Engine.Drift;

/// <summary>The drift statistics of one feature between the reference and the current window.</summary>
public sealed class FeatureDrift
{
    public required string Feature { get; init; }

    /// <summary>Two-sample Kolmogorov–Smirnov statistic (largest gap between the two empirical CDFs).</summary>
    public double Statistic { get; init; }

    public double PValue { get; init; }

    /// <summary>The p-value after the configured multiple-testing correction.</summary>
    public double AdjustedPValue { get; init; }

    public KolmogorovSmirnovMethod Method { get; init; }

    /// <summary>
    /// The p-value of <see cref="Statistic"/> against a null that exchanges whole engines between the windows (rows of
    /// one engine are not independent); null when the windows have no usable group column.
    /// </summary>
    public double? CalibratedPValue { get; init; }

    /// <summary>The calibrated p-value adjusted for testing many features (Westfall–Young max-statistic); it decides <see cref="Drifted"/> when present.</summary>
    public double? CalibratedAdjustedPValue { get; init; }

    /// <summary>The p-value that decided <see cref="Drifted"/>: the calibrated adjusted one when there is one, else the row-level adjusted one.</summary>
    public double DecisionPValue => CalibratedAdjustedPValue ?? AdjustedPValue;

    /// <summary>Population stability index over quantile bins of the reference.</summary>
    public double Psi { get; init; }

    /// <summary>Wasserstein-1 (earth mover's) distance, in the feature's own units.</summary>
    public double Wasserstein { get; init; }

    public int ReferenceCount { get; init; }

    public int CurrentCount { get; init; }

    /// <summary>True when <see cref="DecisionPValue"/> is below the threshold and the statistic reaches the minimum.</summary>
    public bool Drifted { get; init; }

    public override string ToString() => $"{Feature}: D={Statistic:0.####} p={DecisionPValue:0.###e+0}{(Drifted ? " drifted" : string.Empty)}";
}
