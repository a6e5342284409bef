using System.Globalization;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// A unit's identity as the manifest records it (<see cref="ModelManifest.TestUnits"/>, <see cref="ModelManifest.TrainUnits"/>,
/// <see cref="ModelManifest.HeldOutErrors"/>): the group value as text, round-trip invariant-culture for numbers.
/// Text keys mean a manifest stays readable whatever type the group column is read as.
/// </summary>
public static class UnitKeys
{
    public static string Of(double unit) => unit.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The key of every row's unit, in row order.</summary>
    public static string[] Of(Dataset data, string groupColumn) => data.Column(groupColumn).Select(Of).ToArray();
}
