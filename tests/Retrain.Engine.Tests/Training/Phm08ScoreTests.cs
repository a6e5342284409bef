using Retrain.Engine.Evaluation;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class Phm08ScoreTests
{
    [Fact]
    public void Early_predictions_cost_exp_minus_d_over_13_and_late_ones_exp_d_over_10()
    {
        // d = −13 (early): e − 1; d = +10 (late): e − 1; d = 0: 0; d = −26: e² − 1; d = +20: e² − 1.
        double[] actual = [50, 50, 50, 100, 0];
        double[] predicted = [37, 60, 50, 74, 20];

        var score = Phm08Score.Compute(actual, predicted);

        Assert.Equal(2 * (Math.E - 1) + 2 * (Math.E * Math.E - 1), score, 12);
    }

    [Fact]
    public void Late_costs_more_than_early_by_the_same_amount()
    {
        Assert.True(Phm08Score.Compute([100.0], [110.0]) > Phm08Score.Compute([100.0], [90.0]));
        Assert.Equal(Math.Exp(1.0) - 1, Phm08Score.Compute([100.0], [110.0]), 12);
        Assert.Equal(Math.Exp(10.0 / 13) - 1, Phm08Score.Compute([100.0], [90.0]), 12);
    }

    [Fact]
    public void Perfect_and_empty_score_zero_and_lengths_must_match()
    {
        Assert.Equal(0, Phm08Score.Compute([1.0, 2.0], [1.0, 2.0]));
        Assert.Equal(0, Phm08Score.Compute([], []));
        Assert.Throws<ArgumentException>(() => Phm08Score.Compute([1.0], [1.0, 2.0]));
    }
}
