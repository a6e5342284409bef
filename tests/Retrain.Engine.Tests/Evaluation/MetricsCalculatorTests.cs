using Retrain.Engine.Configuration;
using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>MetricsCalculator's rules beyond the scikit-learn reference: bad input, degenerate data, Get.</summary>
public class MetricsCalculatorTests
{
    [Fact]
    public void EmptyInputIsRejected()
    {
        var e = Assert.Throws<RetrainException>(() => MetricsCalculator.Compute([], []));
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("EvaluationEmptyInput", e.ErrorId);
        Assert.Contains("'actual' is empty", e.Message);
    }

    [Fact]
    public void LengthMismatchIsRejectedWithBothLengths()
    {
        var e = Assert.Throws<RetrainException>(() => MetricsCalculator.Compute([1, 2, 3], [1, 2]));
        Assert.Equal("EvaluationLengthMismatch", e.ErrorId);
        Assert.Equal("predicted", e.Target);
        Assert.Equal("'predicted' has 2 values but 'actual' has 3: they must hold one value per row.", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteValuesAreRejectedWithTheirIndex(double bad)
    {
        var e = Assert.Throws<RetrainException>(() => MetricsCalculator.Compute([1, 2, 3], [1, bad, 3]));
        Assert.Equal("EvaluationNonFiniteValue", e.ErrorId);
        Assert.Equal("predicted", e.Target);
        Assert.Contains("at index 1", e.Message);
    }

    [Fact]
    public void AllZeroTruthGivesZeroMapeWithEveryRowSkipped()
    {
        var m = MetricsCalculator.Compute([0, 0, 0], [1, 2, 3]);
        Assert.Equal(0, m.Mape);
        Assert.Equal(3, m.MapeSkipped);
        Assert.Equal(3, m.Count);
        Assert.Equal(2, m.Mae);
        Assert.Equal(0, m.R2);
    }

    [Fact]
    public void MapeIsAFractionOverTheNonZeroRows()
    {
        var m = MetricsCalculator.Compute([0, 10, 20], [5, 12, 15]);
        Assert.Equal((0.2 + 0.25) / 2, m.Mape, 15);
        Assert.Equal(1, m.MapeSkipped);
    }

    [Fact]
    public void ASingleRowHasAFiniteR2()
    {
        Assert.Equal(0, MetricsCalculator.Compute([5], [3]).R2);
        Assert.Equal(1, MetricsCalculator.Compute([5], [5]).R2);
    }

    [Fact]
    public void GetReturnsEachMetricAndTheDirectionIsKnown()
    {
        var m = new RegressionMetrics { Mae = 1, Rmse = 2, R2 = 0.3, Mape = 0.4 };
        Assert.Equal(new[] { 1, 2, 0.3, 0.4 }, Enum.GetValues<PrimaryMetric>().Select(m.Get));
        Assert.Equal(new[] { true, true, false, true }, Enum.GetValues<PrimaryMetric>().Select(RegressionMetrics.LowerIsBetter));
    }

    [Fact]
    public void AMillionRowsStayAccurate()
    {
        // Compensated sums: the mean of a million copies of 0.1 error is 0.1 to the last few ulps.
        var actual = new double[1_000_000];
        var predicted = new double[actual.Length];
        for (var i = 0; i < actual.Length; i++)
            (actual[i], predicted[i]) = (1000 + i % 7, 1000 + i % 7 + 0.1);
        var m = MetricsCalculator.Compute(actual, predicted);
        Assert.Equal(0.1, m.Mae, 12);
        Assert.Equal(0.1, m.Rmse, 12);
    }
}
