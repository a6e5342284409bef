using System.Text.Json;
using Retrain.Engine.Drift;
using Xunit;

namespace Retrain.Engine.Tests.Drift;

/// <summary>
/// Checks <see cref="KolmogorovSmirnovTest"/> and <see cref="KolmogorovDistribution"/> against values
/// SciPy computed (reference/ks_2samp_cases.json, written by reference/generate_ks_cases.py).
/// </summary>
public class KolmogorovSmirnovTests
{
    // Tolerances are about 10x the worst error measured over the committed cases (scipy 1.10.1, 2026-12-02), so a
    // regression shows: statistic 5.6e-17 absolute; exact p bit-identical (0); asymptotic p 1.5e-13 relative; the
    // Kolmogorov survival function 1.8e-11 relative; p-values below 1e-12 within 8.6e-28 absolute.
    private const double StatisticTolerance = 1e-15;
    private const double RelativeExactPTolerance = 1e-15;      // same recursion as scipy: agrees to the last bit
    // Asymptotic and one-sample Kolmogorov distribution: series and large-n approximations summed in a different
    // order from scipy's, so they legitimately agree less closely than the exact path.
    private const double RelativeAsymptoticPTolerance = 2e-12;
    private const double RelativeKolmogorovTolerance = 2e-10;
    private const double AbsolutePTolerance = 1e-26; // applies where SciPy's p-value is below 1e-12

    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "ks_2samp_cases.json"))));

    private static IEnumerable<JsonElement> Cases(string section) => Reference.Value.RootElement.GetProperty(section).EnumerateArray();

    private static JsonElement Case(string section, string id) => Cases(section).Single(c => c.GetProperty("id").GetString() == id);

    public static IEnumerable<object[]> TwoSampleCaseIds() => Cases("ks2samp").Select(c => new object[] { c.GetProperty("id").GetString()! });

    public static IEnumerable<object[]> KolmogorovCaseIds() => Cases("kstwo").Select(c => new object[] { c.GetProperty("id").GetString()! });

    [Fact]
    public void ReferenceTableIsFromScipyAndLargeEnough()
    {
        Assert.False(string.IsNullOrEmpty(Reference.Value.RootElement.GetProperty("scipy").GetString()));
        Assert.True(Cases("ks2samp").Count() >= 200);
        Assert.True(Cases("kstwo").Count() >= 50);
    }

    [Theory]
    [MemberData(nameof(TwoSampleCaseIds))]
    public void TwoSampleMatchesScipy(string id)
    {
        JsonElement c = Case("ks2samp", id);
        double[] x = Sample(c, "x");
        double[] y = Sample(c, "y");
        Assert.Equal(c.GetProperty("n1").GetInt32(), x.Length);
        Assert.Equal(c.GetProperty("n2").GetInt32(), y.Length);

        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample(x, y);

        double expectedStatistic = c.GetProperty("statistic").GetDouble();
        Assert.True(Math.Abs(result.Statistic - expectedStatistic) <= StatisticTolerance,
            $"{id}: statistic {result.Statistic:R}, SciPy {expectedStatistic:R}");
        var expectedMethod = c.GetProperty("method").GetString() == "exact" ? KolmogorovSmirnovMethod.Exact : KolmogorovSmirnovMethod.Asymptotic;
        AssertPValue(id, c.GetProperty("pvalue").GetDouble(), result.PValue,
            expectedMethod == KolmogorovSmirnovMethod.Exact ? RelativeExactPTolerance : RelativeAsymptoticPTolerance);
        Assert.True(expectedMethod == result.Method, $"{id}: method {result.Method}, SciPy {expectedMethod}");
    }

    [Theory]
    [MemberData(nameof(KolmogorovCaseIds))]
    public void KolmogorovSurvivalMatchesScipy(string id)
    {
        JsonElement c = Case("kstwo", id);
        double actual = KolmogorovDistribution.Survival(c.GetProperty("d").GetDouble(), c.GetProperty("n").GetInt32());
        AssertPValue(id, c.GetProperty("sf").GetDouble(), actual, RelativeKolmogorovTolerance);
    }

    [Fact]
    public void SwappingTheSamplesChangesNothing()
    {
        double[] x = [0.3, 1.7, 2.2, 2.2, 5.0, -1.0, 0.0];
        double[] y = [2.2, 0.1, 3.3, 4.4, -0.5];
        var xy = KolmogorovSmirnovTest.TwoSample(x, y);
        var yx = KolmogorovSmirnovTest.TwoSample(y, x);
        Assert.Equal(xy.Statistic, yx.Statistic);
        Assert.Equal(xy.PValue, yx.PValue, 15);
        Assert.Equal(xy.Method, yx.Method);

        // Asymptotic path too.
        double[] big = Enumerable.Range(0, 12000).Select(i => (i * 7919 % 12000) / 12000.0).ToArray();
        double[] other = Enumerable.Range(0, 3000).Select(i => 0.01 + (i * 131 % 3000) / 3000.0).ToArray();
        var a = KolmogorovSmirnovTest.TwoSample(big, other);
        var b = KolmogorovSmirnovTest.TwoSample(other, big);
        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, a.Method);
        Assert.Equal(a.Statistic, b.Statistic, 15);
        Assert.Equal(a.PValue, b.PValue, 15);
    }

    [Fact]
    public void UnsortedAndSortedInputAgree()
    {
        double[] x = [5.0, 1.0, 3.0, 3.0, 9.0, -2.0, 4.5];
        double[] y = [2.0, 8.0, 3.0, 0.5];
        double[] sx = x.Order().ToArray();
        double[] sy = y.Order().ToArray();
        Assert.Equal(KolmogorovSmirnovTest.TwoSampleSorted(sx, sy), KolmogorovSmirnovTest.TwoSample(x, y));
    }

    [Fact]
    public void InputIsNotModified()
    {
        double[] x = [5.0, 1.0, 3.0, 3.0, 9.0];
        double[] y = [2.0, 8.0, 0.5];
        double[] xCopy = (double[])x.Clone();
        double[] yCopy = (double[])y.Clone();
        KolmogorovSmirnovTest.TwoSample(x, y);
        Assert.Equal(xCopy, x);
        Assert.Equal(yCopy, y);
    }

    [Fact]
    public void EmptyInputThrows()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([], [1.0]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([1.0], []));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSampleSorted([], []));
    }

    [Fact]
    public void IdenticalSamplesHavePValueOne()
    {
        double[] x = [1.0, 2.0, 3.0, 4.0];
        var r = KolmogorovSmirnovTest.TwoSample(x, x);
        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(1.0, r.PValue);
    }

    [Fact]
    public void StatisticMatchesBruteForceOnHeavilyTiedSamples()
    {
        // Few distinct values, so runs of ties within and across samples are everywhere; both size orders.
        var rng = new Random(12345);
        for (int trial = 0; trial < 300; trial++)
        {
            int m = rng.Next(1, 40), n = rng.Next(1, 40), levels = rng.Next(1, 6);
            double[] x = Enumerable.Range(0, m).Select(_ => (double)rng.Next(levels)).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => (double)rng.Next(levels + 1)).ToArray();
            double expected = 0.0;
            foreach (double t in x.Concat(y))
            {
                double fx = x.Count(v => v <= t) / (double)m;
                double fy = y.Count(v => v <= t) / (double)n;
                expected = Math.Max(expected, Math.Abs(fx - fy));
            }
            var r = KolmogorovSmirnovTest.TwoSample(x, y);
            Assert.True(Math.Abs(r.Statistic - expected) <= StatisticTolerance,
                $"trial {trial}: statistic {r.Statistic:R}, brute force {expected:R}");
        }
    }

    [Fact]
    public void SurvivalRejectsNonPositiveSampleSize()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KolmogorovDistribution.Survival(0.5, 0));
    }

    private static void AssertPValue(string id, double expected, double actual, double relative)
    {
        bool ok = expected >= 1e-12
            ? Math.Abs(actual - expected) <= relative * expected
            : Math.Abs(actual - expected) <= AbsolutePTolerance;
        Assert.True(ok, $"{id}: p-value {actual:R}, SciPy {expected:R} (relative error {Math.Abs(actual - expected) / Math.Max(expected, double.Epsilon):E2})");
    }

    private static double[] Sample(JsonElement c, string name)
    {
        if (c.TryGetProperty(name, out JsonElement inline))
            return inline.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return ReferenceSamples.Generate(c.GetProperty(name + "Spec"));
    }
}
