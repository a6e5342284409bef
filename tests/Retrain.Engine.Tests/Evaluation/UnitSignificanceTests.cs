using Retrain.Engine.Configuration;
using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>With a unit column, a comparison's significance is the paired t-test on per-unit mean absolute errors.</summary>
public class UnitSignificanceTests
{
    private static ModelComparisonOptions Options() => new() { BootstrapResamples = 200 };

    [Fact]
    public void The_unit_level_test_is_scipy_s_ttest_rel_on_per_unit_mean_absolute_errors()
    {
        // Uneven units in an unsorted order. Reference (scipy 1.10.1, /usr/bin/python3):
        //   ea, eb = abs(champion - y), abs(challenger - y); per unit (in order of first appearance) ma, mb = means
        //   ttest_rel(mb, ma) -> statistic -7.092083979509393, pvalue 0.0008631836949887718
        //   ttest_rel(eb, ea) -> statistic -4.984799027430646, pvalue 0.00011312082438075492
        int[] units = [3, 3, 3, 7, 7, 1, 1, 1, 1, 9, 9, 9, 4, 4, 4, 4, 4, 2];
        double[] y = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 5, 15, 25, 35, 45, 55];
        double[] champion = [12, 18, 35, 41, 44, 66, 69, 85, 97, 90, 115, 118, 9, 11, 30, 30, 50, 50];
        double[] challenger = [11, 21, 31, 43, 52, 58, 71, 84, 88, 104, 108, 121, 7, 16, 20, 37, 44, 57];

        var o = ModelComparer.Compare(y, champion, challenger, units, null, Options(), 42);

        Assert.Equal(SignificanceBasis.Units, o.SignificanceBasis);
        Assert.Equal(6, o.UnitCount);
        Assert.Equal(-7.092083979509393, o.UnitTStatistic!.Value, 1e-12);
        Assert.Equal(0.0008631836949887718, o.UnitPValue!.Value, 1e-14);
        Assert.Equal(-4.984799027430646, o.RowTStatistic, 1e-12);
        Assert.Equal(0.00011312082438075492, o.RowPValue, 1e-15);
        Assert.Equal(o.UnitPValue, o.PValue);
        Assert.Equal(o.UnitTStatistic, o.TStatistic);
    }

    /// <summary>
    /// 20 units of 200 rows; the challenger is 10% better on average but by unit it is 12 better or 8 worse, every
    /// row of a unit alike (as an engine's build and wear shift all its rows). Rows: thousands of "replicates", p tiny.
    /// Units: 20 replicates that disagree, p about 0.4.
    /// </summary>
    private static (double[] Y, double[] Champion, double[] Challenger, int[] Units) UnitsThatDisagree()
    {
        const int units = 20, rows = 200;
        var (y, a, b, g) = (new double[units * rows], new double[units * rows], new double[units * rows], new int[units * rows]);
        for (var u = 0; u < units; u++)
            for (var k = 0; k < rows; k++)
            {
                var i = u * rows + k;
                var jitter = Math.Sin(i * 0.7); // small row-level noise, so no difference is constant
                (y[i], g[i]) = (100 + k % 50, u);
                a[i] = y[i] + 20 + jitter;
                b[i] = y[i] + 20 + (u % 2 == 0 ? -12 : 8) + Math.Cos(i * 1.3);
            }
        return (y, a, b, g);
    }

    [Fact]
    public void Correlated_rows_do_not_make_a_promotion_that_the_units_do_not_support()
    {
        var (y, a, b, g) = UnitsThatDisagree();

        var byUnits = ModelComparer.Compare(y, a, b, g, null, Options(), 42);
        var byRows = ModelComparer.Compare(y, a, b, null, null, Options(), 42);

        Assert.InRange(byUnits.ImprovementPct, 9, 11);
        Assert.True(byUnits.RowPValue < 1e-20, $"row-level p {byUnits.RowPValue}");
        Assert.InRange(byUnits.UnitPValue!.Value, 0.1, 1);
        Assert.False(byUnits.ShouldPromote);
        Assert.Equal(ModelComparer.Tie, byUnits.Winner);
        Assert.StartsWith("Keep the champion: the challenger is 10.0% better on MAE (18 vs 20) but not significantly (paired t-test over 20 units, p = ", byUnits.Recommendation);
        Assert.Contains(" Per row p = ", byUnits.Recommendation);
        Assert.Contains("rows of one unit are not independent replicates", byUnits.Recommendation);

        // Without the unit column the same rows are taken as independent, as before, and promote.
        Assert.Equal(SignificanceBasis.Rows, byRows.SignificanceBasis);
        Assert.Null(byRows.UnitPValue);
        Assert.Null(byRows.UnitCount);
        Assert.Equal(byRows.RowPValue, byRows.PValue);
        Assert.Equal(byUnits.RowPValue, byRows.RowPValue);
        Assert.True(byRows.ShouldPromote, byRows.Recommendation);
    }

    [Fact]
    public void Units_that_agree_still_promote_and_the_recommendation_names_the_units()
    {
        var (y, a, b, g) = UnitsThatDisagree();
        for (var i = 0; i < b.Length; i++)
            b[i] = y[i] + 18 + Math.Cos(i * 1.3) + (g[i] % 3) * 0.5; // 10% better in every unit, by a varying amount

        var o = ModelComparer.Compare(y, a, b, g, null, Options(), 42);

        Assert.True(o.ShouldPromote, o.Recommendation);
        Assert.True(o.UnitPValue < 1e-6);
        Assert.Contains("better, paired t-test over 20 units, p = ", o.Recommendation);
        Assert.DoesNotContain("Per row", o.Recommendation);
    }
}
