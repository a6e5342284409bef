using Retrain.Engine.Data;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class WindowFeaturesTests
{
    // Two units, rows shuffled on purpose. Unit 1: cycles 1..4, y = 1, 3, 2, 6. Unit 2: cycles 1 and 3, y = 10, 20.
    private static Dataset Tiny() => new("tiny", ["unit", "cycle", "y"],
    [
        [1, 2, 1, 1, 2, 1],
        [3, 1, 1, 4, 3, 2],
        [2, 10, 1, 6, 20, 3],
    ]);

    [Fact]
    public void Mean_and_slope_over_the_last_n_cycles_of_each_unit_match_hand_computed_values()
    {
        var columns = WindowFeatures.Build(Tiny(), ["y"], window: 3, groupColumn: "unit", orderColumn: "cycle");

        Assert.Equal(["y", "y_mean3", "y_slope3"], WindowFeatures.Names(["y"], 3));
        Assert.Equal([2, 10, 1, 6, 20, 3], columns[0]); // the input itself comes first
        // unit 1, cycle 3: window cycles 1..3, y 1,3,2: mean 2, slope Σ(x−2)(y−2)/Σ(x−2)² = 1/2
        // unit 2, cycle 1: one point: mean 10, slope 0
        // unit 1, cycle 1: mean 1, slope 0
        // unit 1, cycle 4: window cycles 2..4, y 3,2,6: mean 11/3, slope 3/2
        // unit 2, cycle 3: cycles 1,3, y 10,20: mean 15, slope 10/2 = 5 (against the cycle, not the position)
        // unit 1, cycle 2: cycles 1,2, y 1,3: mean 2, slope 2
        AssertClose([2, 10, 1, 11.0 / 3, 15, 2], columns[1]);
        AssertClose([0.5, 0, 0, 1.5, 5, 2], columns[2]);
    }

    [Fact]
    public void Without_an_order_column_the_position_in_the_unit_is_x()
    {
        var columns = WindowFeatures.Build(Tiny(), ["y"], window: 3, groupColumn: "unit", orderColumn: null);

        // unit 1 in row order: y 2, 1, 6, 3; unit 2: 10, 20.
        AssertClose([2, 10, 1.5, 3, 15, 10.0 / 3], columns[1]);
        AssertClose([0, 0, -1, 2, 10, 1], columns[2]);
    }

    [Fact]
    public void Window_zero_is_the_inputs_alone()
    {
        var columns = WindowFeatures.Build(Tiny(), ["y", "cycle"], 0, "unit", "cycle");
        Assert.Equal(2, columns.Length);
        Assert.Equal(["y", "cycle"], WindowFeatures.Names(["y", "cycle"], 0));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"row {i}: expected {expected[i]}, got {actual[i]}");
    }
}
