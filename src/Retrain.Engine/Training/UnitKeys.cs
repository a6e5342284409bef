using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// A unit's identity as the manifest records it (<see cref="ModelManifest.TestUnits"/>, <see cref="ModelManifest.TrainUnits"/>,
/// <see cref="ModelManifest.HeldOutErrors"/>): the group value as <see cref="Dataset.Labels"/> writes it, text ids as
/// written and numbers round-trip invariant-culture. Text keys mean a manifest stays readable whatever type the group
/// column is read as.
/// </summary>
public static class UnitKeys
{
    /// <summary>The key of every row's unit, in row order.</summary>
    public static string[] Of(Dataset data, string groupColumn)
    {
        var units = data.Labels(groupColumn);
        var keys = new string[units.RowCount];
        for (int r = 0; r < keys.Length; r++)
            keys[r] = units[r];
        return keys;
    }
}
