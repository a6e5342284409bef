using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Evaluation;

/// <summary>
/// The labels models are judged against: the target as given, capped at training.rul_cap when one is set,
/// because that capped target is what the models are trained to predict (early-life RUL has no signal).
/// </summary>
public static class EvaluationLabels
{
    public static double[] From(Dataset data, string target, TrainingOptions training)
    {
        var values = data.Column(target);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new DataException("NonFiniteLabel", $"{data.Source}: row {i + 1} of column '{target}' is not a finite number.", data.Source, target, i + 1);
        }
        return Capped(values, training.RulCap);
    }

    /// <summary>min(cap, y) per row when a cap is set (piecewise-linear RUL), else the values as they are.</summary>
    public static double[] Capped(double[] values, double? cap) =>
        cap is double c ? values.Select(y => Math.Min(c, y)).ToArray() : values;
}
