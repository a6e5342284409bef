namespace Retrain.Engine.Evaluation;

/// <summary>Per-unit means of row values, for tests whose replicates are equipment units rather than rows.</summary>
internal static class UnitMeans
{
    /// <summary>
    /// The mean of <paramref name="a"/> and of <paramref name="b"/> over each unit's rows, units in the order they
    /// first appear. Every unit weighs the same, whatever its row count: the unit is the replicate.
    /// </summary>
    public static (double[] A, double[] B) Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int[] groups)
    {
        var index = new Dictionary<int, int>();
        var sums = new List<(NeumaierSum A, NeumaierSum B, int Rows)>();
        for (var i = 0; i < groups.Length; i++)
        {
            if (!index.TryGetValue(groups[i], out var u))
            {
                index.Add(groups[i], u = sums.Count);
                sums.Add(default);
            }
            var (sa, sb, n) = sums[u];
            sa.Add(a[i]);
            sb.Add(b[i]);
            sums[u] = (sa, sb, n + 1);
        }
        var meanA = new double[sums.Count];
        var meanB = new double[sums.Count];
        for (var u = 0; u < sums.Count; u++)
            (meanA[u], meanB[u]) = (sums[u].A.Total / sums[u].Rows, sums[u].B.Total / sums[u].Rows);
        return (meanA, meanB);
    }
}
