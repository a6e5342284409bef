using Retrain.Engine.Data;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>The comparison's rows: the challenger's held-out engines less every engine the champion was trained on.</summary>
public sealed class FairTestSplitTests
{
    private static readonly Dataset Window = new("window", ["unit", "x", "rul"],
        [[1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]);

    private static ModelManifest Manifest(string[] train, string[] test) => new()
    {
        Features = ["x"], Target = "rul", Trainer = "FastTree", GroupColumn = "unit", SplitBy = "unit", TrainUnits = train, TestUnits = test,
    };

    [Fact]
    public void Leaves_out_the_engines_the_champion_was_trained_on()
    {
        var challenger = Manifest(["1", "2"], ["3", "4", "5"]);
        var champion = Manifest(["3", "9"], ["1"]);
        var split = FairTestSplit.Of(Window, challenger, [], champion);
        Assert.Equal(["4", "5"], split.Units);
        Assert.Equal(["3"], split.LeftOut);
        Assert.Equal([6.0, 7, 8, 9], split.Rows.Column("x"));
        Assert.Contains("1 unit(s) the champion was trained on left out", split.Explanation);
    }

    [Fact]
    public void Without_a_champion_takes_every_held_out_engine()
    {
        var split = FairTestSplit.Of(Window, Manifest(["1", "2"], ["3", "4", "5"]), [], null);
        Assert.Equal(6, split.Rows.RowCount);
        Assert.Empty(split.LeftOut);
    }

    [Fact]
    public void Refuses_a_comparison_on_engines_the_champion_has_all_seen()
    {
        var e = Assert.Throws<RetrainException>(() => FairTestSplit.Of(Window, Manifest(["1", "2"], ["3"]), [], Manifest(["3"], ["1"])));
        Assert.Equal("NoFairTestUnits", e.ErrorId);
    }

    [Fact]
    public void A_challenger_split_by_row_is_compared_on_its_held_out_rows()
    {
        var byRow = new ModelManifest { Features = ["x"], Target = "rul", Trainer = "FastTree", SplitBy = "row" };
        var split = FairTestSplit.Of(Window, byRow, [0, 9], Manifest(["1"], ["2"]));
        Assert.Equal([0.0, 9], split.Rows.Column("x"));
        Assert.Contains("split by row", split.Explanation);
    }
}
