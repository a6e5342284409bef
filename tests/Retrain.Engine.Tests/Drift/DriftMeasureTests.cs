using System.Text.Json;
using Retrain.Engine.Configuration;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Tests.Drift;

public class DriftMeasureTests
{
    public sealed record MeasureCase(string Name, double[] X, double[] Y, double Wasserstein, double Psi)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<object[]> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "drift_measure_cases.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new object[]
            {
                new MeasureCase(c.GetProperty("name").GetString()!,
                    c.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                    c.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                    c.GetProperty("wasserstein").GetDouble(),
                    c.GetProperty("psi").GetDouble()),
            };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WassersteinAgreesWithScipy(MeasureCase c)
    {
        var (x, y) = (Sorted(c.X), Sorted(c.Y));
        Assert.Equal(c.Wasserstein, WassersteinDistance.Compute(x, y), Tolerance(c.Wasserstein));
        Assert.Equal(c.Wasserstein, WassersteinDistance.Compute(y, x), Tolerance(c.Wasserstein));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PsiAgreesWithTheIndependentNumpyComputation(MeasureCase c)
    {
        Assert.Equal(c.Psi, PopulationStabilityIndex.Compute(Sorted(c.X), Sorted(c.Y), 10), Tolerance(c.Psi));
    }

    [Fact]
    public void PsiOfASampleAgainstItselfIsZero()
    {
        var x = Sorted(Enumerable.Range(0, 1000).Select(i => Math.Sin(i) * 3).ToArray());
        Assert.Equal(0.0, PopulationStabilityIndex.Compute(x, x, 10), 15);
    }

    [Fact]
    public void PsiSeesAShiftOffAConstantReference()
    {
        // A sensor constant at 2388 in the reference reads 2223 in two thirds of the current rows
        // (C-MAPSS s18 between one and six operating conditions): every quantile edge is 2388.
        var reference = Enumerable.Repeat(2388.0, 300).ToArray();
        var current = Sorted(Enumerable.Repeat(2388.0, 100).Concat(Enumerable.Repeat(2223.0, 200)).ToArray());
        // By hand: the reference fills one bin [2388, 2388]; the current puts 2/3 below it (reference share floored
        // at 1e-4) and 1/3 in it; the bin above is empty in both (floored to 1e-4 each, term 0).
        double expected = (2.0 / 3 - 1e-4) * Math.Log(2.0 / 3 / 1e-4) + (1.0 / 3 - 1) * Math.Log(1.0 / 3); // ≈ 6.60
        Assert.Equal(expected, PopulationStabilityIndex.Compute(reference, current, 10), 1e-12);
        Assert.Equal(0.0, PopulationStabilityIndex.Compute(reference, reference, 10), 15);
    }

    [Fact]
    public void BonferroniMultipliesByTheNumberOfTestsAndCapsAtOne()
    {
        var adjusted = MultipleTestingCorrection.Adjust(new[] { 0.01, 0.2, 0.0001 }, PValueCorrection.Bonferroni);
        Assert.Equal(new[] { 0.03, 0.6, 0.0003 }, adjusted, new ToleranceComparer(1e-15));
        Assert.Equal(1.0, MultipleTestingCorrection.Adjust(new[] { 0.5, 0.9 }, PValueCorrection.Bonferroni)[0]);
    }

    [Fact]
    public void BenjaminiHochbergIsTheStepUpMinimum()
    {
        // Benjamini & Hochberg (1995): adjusted p(i) = min over j >= i of p(j)·m/j, capped at 1.
        // p = 0.01, 0.04, 0.03, 0.005 (m = 4): sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.02, 0.04, 0.04.
        var adjusted = MultipleTestingCorrection.Adjust(new[] { 0.01, 0.04, 0.03, 0.005 }, PValueCorrection.FdrBh);
        Assert.Equal(new[] { 0.02, 0.04, 0.04, 0.02 }, adjusted, new ToleranceComparer(1e-15));
    }

    [Theory]
    // Values written out by hand from the definition, adjusted p(i) = min(1, min over j >= i of p(j)·m/j), in input order.
    // Each case has some p(i)·m/i above a later one, so the step-up minimum, not p(i)·m/i alone, gives the answer.
    [InlineData(new[] { 0.01, 0.011 }, new[] { 0.011, 0.011 })]                       // 0.02 → 0.011
    [InlineData(new[] { 0.04, 0.01, 0.03, 0.02 }, new[] { 0.04, 0.04, 0.04, 0.04 })]  // 0.04, 0.04, 0.04, 0.04 (all at once)
    [InlineData(new[] { 0.5, 0.6, 0.001 }, new[] { 0.6, 0.6, 0.003 })]               // sorted 0.001, 0.5, 0.6 → 0.003, 0.75 → 0.6, 0.6
    [InlineData(new[] { 0.8, 0.9 }, new[] { 0.9, 0.9 })]                             // 1.6 → 0.9
    [InlineData(new[] { 0.7, 0.2, 0.65 }, new[] { 0.7, 0.6, 0.7 })]                  // sorted 0.2, 0.65, 0.7 → 0.6, 0.975 → 0.7, 0.7
    [InlineData(new[] { 0.9, 0.95 }, new[] { 0.95, 0.95 })]                          // 1.8 capped, then 0.95
    public void BenjaminiHochbergTakesTheRunningMinimumFromTheTop(double[] p, double[] expected)
    {
        var adjusted = MultipleTestingCorrection.Adjust(p, PValueCorrection.FdrBh);
        Assert.Equal(expected, adjusted, new ToleranceComparer(1e-15));
        // Adjusted values keep the order of the raw ones.
        var byRaw = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).Select(i => adjusted[i]).ToArray();
        Assert.Equal(byRaw.Order().ToArray(), byRaw);
    }

    [Fact]
    public void NoCorrectionLeavesPValuesAlone()
    {
        Assert.Equal(new[] { 0.3, 0.001 }, MultipleTestingCorrection.Adjust(new[] { 0.3, 0.001 }, PValueCorrection.None));
    }

    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    private static double Tolerance(double expected) => 1e-12 * Math.Max(1.0, Math.Abs(expected));

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
