using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>The bootstrap's bounded draws: in range, uniform (chi-square), reproducible per seed.</summary>
public class WyRandTests
{
    [Theory]
    [InlineData(1u)]
    [InlineData(7u)]
    [InlineData(1000u)]
    [InlineData(3_000_000_000u)]
    public void DrawsStayBelowTheBound(uint bound)
    {
        var rng = new WyRand(5);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(rng.NextBelow(bound) < bound);
            var (first, second) = rng.NextTwoBelow(bound);
            Assert.True(first < bound && second < bound);
        }
    }

    [Fact]
    public void DrawsAreUniform()
    {
        const int bound = 10, draws = 200_000;
        var counts = new int[bound];
        var rng = new WyRand(42);
        for (var i = 0; i < draws / 2; i++)
        {
            var (first, second) = rng.NextTwoBelow(bound);
            counts[first]++;
            counts[second]++;
        }
        var expected = draws / (double)bound;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 27.88, $"chi-square {chi2:F1} with 9 degrees of freedom (p < 0.001 above 27.88)");
    }

    [Fact]
    public void TheSameSeedGivesTheSameStream()
    {
        var a = new WyRand(123);
        var b = new WyRand(123);
        var c = new WyRand(124);
        var sa = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()));
    }
}
