using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>PairedTTest against scipy.stats.ttest_rel on the committed reference cases, to 4e-15 (statistic) and 6e-11 (p-value) relative.</summary>
public class PairedTTestReferenceTests
{
    // About 10x the worst relative error measured over the committed cases (scipy 1.10.1, 2026-12-02): statistic
    // 3.1e-16; p-value 6.0e-12 (worst at n = 5000, where the Student t tail is computed differently from scipy's).
    private const double StatisticTolerance = 4e-15;
    private const double PValueTolerance = 6e-11;

    public static TheoryData<string> Cases => EvaluationReference.Names(EvaluationReference.TTestCases);

    [Fact]
    public void TheReferenceFileHasEnoughCases()
    {
        Assert.True(EvaluationReference.TTestCases.Count() >= 25);
        Assert.Contains(EvaluationReference.TTestCases, c => c.GetProperty("a").GetArrayLength() >= 5000);
        Assert.Contains(EvaluationReference.TTestCases, c => c.GetProperty("a").GetArrayLength() == 2);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithScipy(string name)
    {
        var c = EvaluationReference.TTestCase(name);
        var r = PairedTTest.Test(c.Doubles("a"), c.Doubles("b"));

        Assert.True(c.GetProperty("df").GetInt32() == r.DegreesOfFreedom, $"case '{name}': df {r.DegreesOfFreedom}");
        EvaluationReference.Close(name, "statistic", c.Number("statistic"), r.Statistic, StatisticTolerance);
        var p = c.Number("pvalue");
        if (p < 1e-300) // below the smallest normal double both libraries round to 0 or a subnormal
            Assert.True(r.PValue < 1e-300, $"case '{name}': p {r.PValue:R}, scipy {p:R}");
        else
            EvaluationReference.Close(name, "p-value", p, r.PValue, PValueTolerance);
        Assert.True(c.TryGetProperty("rule", out _) == (r.Note is not null), $"case '{name}': note '{r.Note}'");
    }
}
