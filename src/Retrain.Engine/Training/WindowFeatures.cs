using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// Rolling-window features, built the same way for training and prediction (this is the one place).
/// Per unit (group column), rows ordered by the order column (stable; row order when there is none),
/// for each input feature f and window N: <c>f_mean{N}</c>, the mean of f over the unit's last N rows up to
/// and including this one, and <c>f_slope{N}</c>, the least-squares slope of f against the order value over
/// the same rows (against the position in the unit without an order column). Early in a unit the window
/// holds fewer rows; with one row, or all order values equal, the slope is 0. Without a group column all
/// rows form one sequence.
/// </summary>
public static class WindowFeatures
{
    public static string MeanName(string feature, int window) => $"{feature}_mean{window}";

    public static string SlopeName(string feature, int window) => $"{feature}_slope{window}";

    /// <summary>The model's feature names: the inputs, then mean and slope of each input when <paramref name="window"/> &gt; 0.</summary>
    public static string[] Names(IReadOnlyList<string> features, int window)
    {
        if (window <= 0)
            return features.ToArray();
        var names = new List<string>(features.Count * 3);
        names.AddRange(features);
        foreach (var f in features)
        {
            names.Add(MeanName(f, window));
            names.Add(SlopeName(f, window));
        }
        return names.ToArray();
    }

    /// <summary>
    /// The model's feature columns (same order as <see cref="Names"/>), one array per column over all rows of
    /// <paramref name="data"/>. Missing columns are <see cref="DataException"/>s naming them.
    /// </summary>
    public static double[][] Build(Dataset data, IReadOnlyList<string> features, int window, string? groupColumn, string? orderColumn)
    {
        var inputs = features.Select(data.Column).ToArray();
        if (window <= 0)
            return inputs;

        var columns = new double[inputs.Length * 3][];
        Array.Copy(inputs, columns, inputs.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            columns[inputs.Length + 2 * i] = new double[data.RowCount];
            columns[inputs.Length + 2 * i + 1] = new double[data.RowCount];
        }

        var order = orderColumn is null ? null : data.Column(orderColumn);
        var x = new double[Math.Min(window, data.RowCount)]; // a window never holds more rows than there are
        foreach (var rows in Sequences(data, groupColumn, order))
        {
            for (int k = 0; k < rows.Length; k++)
            {
                int start = Math.Max(0, k - window + 1);
                int n = k - start + 1;
                double meanX = 0;
                for (int j = 0; j < n; j++)
                {
                    x[j] = order is null ? start + j : order[rows[start + j]];
                    meanX += x[j];
                }
                meanX /= n;
                double sxx = 0;
                for (int j = 0; j < n; j++)
                    sxx += (x[j] - meanX) * (x[j] - meanX);

                int row = rows[k];
                for (int f = 0; f < inputs.Length; f++)
                {
                    var v = inputs[f];
                    double meanY = 0;
                    for (int j = 0; j < n; j++)
                        meanY += v[rows[start + j]];
                    meanY /= n;
                    double sxy = 0;
                    if (sxx > 0)
                        for (int j = 0; j < n; j++)
                            sxy += (x[j] - meanX) * (v[rows[start + j]] - meanY);
                    columns[inputs.Length + 2 * f][row] = meanY;
                    columns[inputs.Length + 2 * f + 1][row] = sxx > 0 ? sxy / sxx : 0.0;
                }
            }
        }
        return columns;
    }

    /// <summary>Row indices of each unit, in order (stable sort by the order column).</summary>
    private static IEnumerable<int[]> Sequences(Dataset data, string? groupColumn, double[]? order)
    {
        IEnumerable<int[]> groups;
        if (groupColumn is null)
            groups = [Enumerable.Range(0, data.RowCount).ToArray()];
        else
        {
            var units = data.Labels(groupColumn).Codes;
            groups = Enumerable.Range(0, data.RowCount).GroupBy(r => units[r]).Select(g => g.ToArray());
        }
        foreach (var rows in groups)
            yield return order is null ? rows : rows.OrderBy(r => order[r]).ToArray(); // OrderBy is stable
    }
}
