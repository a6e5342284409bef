using Retrain.Engine.Configuration;

namespace Retrain.Engine.Drift;

/// <summary>Adjusts per-feature p-values for testing many features at once.</summary>
public static class MultipleTestingCorrection
{
    /// <summary>Adjusted p-values in the input order (Bonferroni; Benjamini–Hochberg step-up; or unchanged).</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues, PValueCorrection method)
    {
        int m = pValues.Count;
        var adjusted = new double[m];
        switch (method)
        {
            case PValueCorrection.None:
                for (int i = 0; i < m; i++)
                    adjusted[i] = pValues[i];
                break;
            case PValueCorrection.Bonferroni:
                for (int i = 0; i < m; i++)
                    adjusted[i] = Math.Min(1.0, pValues[i] * m);
                break;
            case PValueCorrection.FdrBh:
                // Step-up: walk from the largest p-value down, keeping the running minimum of p·m/rank.
                var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
                double running = 1.0;
                for (int rank = m; rank >= 1; rank--)
                {
                    int i = order[rank - 1];
                    running = Math.Min(running, pValues[i] * m / rank);
                    adjusted[i] = running;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }
        return adjusted;
    }
}
