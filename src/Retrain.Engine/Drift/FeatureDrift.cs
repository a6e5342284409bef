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

    /// <summary>Population stability index over quantile bins of the reference.</summary>
    public double Psi { get; init; }

    /// <summary>Wasserstein-1 (earth mover's) distance, in the feature's own units.</summary>
    public double Wasserstein { get; init; }

    public int ReferenceCount { get; init; }

    public int CurrentCount { get; init; }

    /// <summary>True when the adjusted p-value is below the threshold and the statistic reaches the minimum.</summary>
    public bool Drifted { get; init; }

    public override string ToString() => $"{Feature}: D={Statistic:0.####} p={AdjustedPValue:0.###e+0}{(Drifted ? " drifted" : string.Empty)}";
}
