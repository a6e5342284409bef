using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// The engine-respecting null for windows that share engines (a fleet watched over time): whole engines are not
/// exchangeable between such windows, and wear trends within an engine. Placeholder seam while the scheme is built.
/// </summary>
public static class WatchedFleetNull
{
    public static CalibratedPValues Calibrate(Dataset reference, Dataset current, IReadOnlyList<string> features, string groupColumn,
        double[] observedStatistics, DriftDetectionOptions options, CancellationToken cancellation = default) =>
        throw new NotImplementedException("Seam: the watched-fleet null is being built on its own branch.");
}
