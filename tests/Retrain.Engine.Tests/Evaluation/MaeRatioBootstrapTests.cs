using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>The unit-bootstrap interval of a concept-drift score, MAE(current) / MAE(reference) - 1.</summary>
public class MaeRatioBootstrapTests
{
    /// <summary>n units of 100 rows whose MAEs spread evenly from low to high.</summary>
    private static UnitErrorTotal[] Units(int n, double low, double high) =>
        Enumerable.Range(0, n).Select(i => new UnitErrorTotal(100, 100 * (n == 1 ? low : low + (high - low) * i / (n - 1)))).ToArray();

    private static double Score(UnitErrorTotal[] reference, UnitErrorTotal[] current) =>
        current.Sum(u => u.AbsoluteErrorSum) / current.Sum(u => u.Rows) / (reference.Sum(u => u.AbsoluteErrorSum) / reference.Sum(u => u.Rows)) - 1;

    [Fact]
    public void Is_seeded_and_contains_the_score()
    {
        var (reference, current) = (Units(20, 10, 30), Units(15, 14, 34));

        var a = MaeRatioBootstrap.Interval(reference, current, 2000, 42);
        var b = MaeRatioBootstrap.Interval(reference, current, 2000, 42);
        var c = MaeRatioBootstrap.Interval(reference, current, 2000, 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(0.95, a.Level);
        Assert.InRange(Score(reference, current), a.Lower, a.Upper);
    }

    [Fact]
    public void Units_alike_give_a_tight_interval_around_the_score()
    {
        var a = MaeRatioBootstrap.Interval(Units(10, 20, 20), Units(10, 30, 30), 500, 1);
        Assert.Equal(0.5, a.Lower, 12);
        Assert.Equal(0.5, a.Upper, 12);
    }

    [Fact]
    public void Many_engines_all_worse_make_a_significant_increase()
    {
        var a = MaeRatioBootstrap.Interval(Units(30, 10, 30), Units(30, 13, 39), 2000, 42); // every engine 30% worse

        Assert.True(a.Lower > 0, $"{a}");
        Assert.InRange(0.3, a.Lower, a.Upper);
    }

    [Fact]
    public void One_bad_engine_among_few_is_an_increase_above_the_threshold_but_not_a_significant_one()
    {
        var reference = Units(20, 10, 30);                       // MAE 20
        UnitErrorTotal[] current = [.. Units(4, 15, 25), new UnitErrorTotal(100, 100 * 45)]; // MAE 25: +25%

        var a = MaeRatioBootstrap.Interval(reference, current, 2000, 42);

        Assert.Equal(0.25, Score(reference, current), 12);
        Assert.True(a.Lower <= 0, $"{a}");
        Assert.True(a.Upper > 0.25, $"{a}");
    }

    [Fact]
    public void Bad_input_is_a_typed_error()
    {
        var units = Units(3, 10, 20);
        Assert.Throws<RetrainException>(() => MaeRatioBootstrap.Interval(units, [], 10, 1));
        Assert.Throws<RetrainException>(() => MaeRatioBootstrap.Interval(units, units, 0, 1));
        Assert.Throws<RetrainException>(() => MaeRatioBootstrap.Interval(units, units, 10, 1, level: 1));
    }
}
