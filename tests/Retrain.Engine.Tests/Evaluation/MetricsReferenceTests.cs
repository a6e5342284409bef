using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>MetricsCalculator against scikit-learn on the committed reference cases, to 4e-15 relative.</summary>
public class MetricsReferenceTests
{
    // About 10x the worst relative error measured over the committed cases (sklearn 1.2.1, 2026-12-02): MAE 3.8e-16,
    // RMSE 2.0e-16, R2 2.2e-16, MAPE 3.8e-16 (compensated sums agree to a few ulp).
    private const double Tolerance = 4e-15;

    public static TheoryData<string> Cases => EvaluationReference.Names(EvaluationReference.MetricCases);

    [Fact]
    public void TheReferenceFileHasEnoughCases()
    {
        Assert.True(EvaluationReference.MetricCases.Count() >= 40);
        Assert.Contains(EvaluationReference.MetricCases, c => c.GetProperty("count").GetInt32() >= 10000);
        Assert.Contains(EvaluationReference.MetricCases, c => c.GetProperty("mape_skipped").GetInt32() > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithScikitLearn(string name)
    {
        var c = EvaluationReference.MetricCase(name);
        var m = MetricsCalculator.Compute(c.Doubles("y_true"), c.Doubles("y_pred"));

        EvaluationReference.Close(name, "MAE", c.Number("mae"), m.Mae, Tolerance);
        EvaluationReference.Close(name, "RMSE", c.Number("rmse"), m.Rmse, Tolerance);
        EvaluationReference.Close(name, "R2", c.Number("r2"), m.R2, Tolerance);
        EvaluationReference.Close(name, "MAPE", c.Number("mape"), m.Mape, Tolerance);
        Assert.True(c.GetProperty("count").GetInt32() == m.Count, $"case '{name}': Count {m.Count}");
        Assert.True(c.GetProperty("mape_skipped").GetInt32() == m.MapeSkipped, $"case '{name}': MapeSkipped {m.MapeSkipped}");
    }
}
