using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>PairedTTest's rules for degenerate data (beyond the scipy reference cases) and bad input.</summary>
public class PairedTTestTests
{
    [Fact]
    public void LengthMismatchIsRejected()
    {
        var e = Assert.Throws<RetrainException>(() => PairedTTest.Test([1, 2], [1]));
        Assert.Equal("EvaluationLengthMismatch", e.ErrorId);
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void NaNIsRejected()
    {
        var e = Assert.Throws<RetrainException>(() => PairedTTest.Test([1, double.NaN], [1, 2]));
        Assert.Equal("EvaluationNonFiniteValue", e.ErrorId);
        Assert.Equal("a", e.Target);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FewerThanTwoPairsGiveNoTest(int n)
    {
        var r = PairedTTest.Test(new double[n], Enumerable.Repeat(1.0, n).ToArray());
        Assert.Equal((0.0, 1.0, 0), (r.Statistic, r.PValue, r.DegreesOfFreedom));
        Assert.Contains("Fewer than 2", r.Note);
    }

    [Fact]
    public void IdenticalSamplesGiveStatisticZeroAndPOne()
    {
        var r = PairedTTest.Test([1, 2, 3], [1, 2, 3]);
        Assert.Equal(new PairedTTestResult(0, 1, 2, r.Note), r);
        Assert.Contains("identical", r.Note);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-2)]
    public void AConstantDifferenceGivesPZeroAndASignedFiniteStatistic(double difference)
    {
        double[] b = [1.5, 2.5, 3.5, 10];
        var r = PairedTTest.Test(b.Select(x => x + difference).ToArray(), b);
        Assert.Equal(0, r.PValue);
        Assert.Equal(Math.CopySign(double.MaxValue, difference), r.Statistic);
        Assert.Contains("unbounded", r.Note);
    }

    [Fact]
    public void ATinyMeanDifferenceHasPNearOne()
    {
        var r = PairedTTest.Test([1, 2, 3, 4, 5.0000001], [1, 2, 3, 4.0000001, 5]);
        Assert.Equal(0, r.Statistic, 12);
        Assert.Equal(1, r.PValue, 12);
        Assert.Null(r.Note);
    }
}
