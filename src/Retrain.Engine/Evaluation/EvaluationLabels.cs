using Retrain.Engine.Data;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// The labels models are judged against: the target as given, capped when a cap is set, because a model trained
/// with training.rul_cap learns min(cap, target) (early-life RUL has no signal). Which cap is the caller's decision,
/// and never the session's training.rul_cap: a model's own cap for its concept drift, one stated target for a
/// comparison (model_comparison.target_cap, by default the challenger's cap), so a verdict does not depend on the
/// configuration of whoever asks.
/// </summary>
public static class EvaluationLabels
{
    public static double[] From(Dataset data, string target, double? cap)
    {
        var values = data.Column(target);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new DataException("NonFiniteLabel", $"{data.Source}: row {i + 1} of column '{target}' is not a finite number.", data.Source, target, i + 1);
        }
        return Capped(values, cap);
    }

    /// <summary>min(cap, y) per row when a cap is set (piecewise-linear RUL), else the values as they are.</summary>
    public static double[] Capped(double[] values, double? cap) =>
        cap is double c ? values.Select(y => Math.Min(c, y)).ToArray() : values;

    /// <summary>How a report names the target: "rul capped at 125" or "rul (no cap)".</summary>
    public static string Describe(string target, double? cap) =>
        cap is double c ? $"{target} capped at {c.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}" : $"{target} (no cap)";
}
