using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>MetricsCalculator against scikit-learn on the committed reference cases, to 1e-9 relative.</summary>
public class MetricsReferenceTests
{
    private const double Tolerance = 1e-9;

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
