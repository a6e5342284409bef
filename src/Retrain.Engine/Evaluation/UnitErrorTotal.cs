namespace Retrain.Engine.Evaluation;

/// <summary>One unit's rows and the sum of their absolute errors: what an MAE over any set of whole units is made of.</summary>
public readonly record struct UnitErrorTotal(int Rows, double AbsoluteErrorSum)
{
    /// <summary>Each unit's total, units in the order they first appear in <paramref name="groups"/>.</summary>
    public static UnitErrorTotal[] PerUnit(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int[] groups)
    {
        EvaluationInput.SameLength(actual.Length, "actual", predicted.Length, "predicted");
        EvaluationInput.SameLength(actual.Length, "actual", groups.Length, "groups");
        var index = new Dictionary<int, int>();
        var rows = new List<int>();
        var sums = new List<NeumaierSum>();
        for (var i = 0; i < actual.Length; i++)
        {
            if (!index.TryGetValue(groups[i], out var u))
            {
                index.Add(groups[i], u = rows.Count);
                rows.Add(0);
                sums.Add(default);
            }
            rows[u]++;
            var s = sums[u];
            s.Add(Math.Abs(predicted[i] - actual[i]));
            sums[u] = s;
        }
        return Enumerable.Range(0, rows.Count).Select(u => new UnitErrorTotal(rows[u], sums[u].Total)).ToArray();
    }
}
