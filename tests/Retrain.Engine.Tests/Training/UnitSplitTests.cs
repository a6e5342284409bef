using Retrain.Engine.Data;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class UnitSplitTests
{
    [Theory]
    [InlineData(0.2, 20)]
    [InlineData(0.25, 25)]
    [InlineData(0.5, 50)]
    [InlineData(0.001, 1)] // at least one unit is held out
    [InlineData(0.999, 99)] // and at least one is kept for training
    public void Keeps_every_unit_wholly_on_one_side_and_honours_test_size(double testSize, int testUnits)
    {
        var data = Fd001.Train;
        var unit = data.Column("unit");

        var (train, test) = UnitSplit.Split(data, "unit", testSize, seed: 42);

        Assert.Equal(data.RowCount, train.Length + test.Length);
        Assert.Equal(Enumerable.Range(0, data.RowCount), train.Concat(test).Order());
        var trainUnits = train.Select(r => unit[r]).ToHashSet();
        var heldOut = test.Select(r => unit[r]).ToHashSet();
        Assert.Empty(trainUnits.Intersect(heldOut));
        Assert.Equal(testUnits, heldOut.Count);
        Assert.Equal(100 - testUnits, trainUnits.Count);
        Assert.True(train.SequenceEqual(train.Order()) && test.SequenceEqual(test.Order()), "row indices ascend");
    }

    [Fact]
    public void Is_reproducible_by_seed()
    {
        var a = UnitSplit.Split(Fd001.Train, "unit", 0.2, 1);
        var b = UnitSplit.Split(Fd001.Train, "unit", 0.2, 1);
        var c = UnitSplit.Split(Fd001.Train, "unit", 0.2, 2);

        Assert.Equal(a.TestRows, b.TestRows);
        Assert.NotEqual(a.TestRows, c.TestRows);
    }

    [Fact]
    public void Without_a_group_column_splits_rows_and_the_manifest_says_so()
    {
        var data = Fd001.Units(5);
        var (train, test) = UnitSplit.Split(data, null, 0.2, 42);
        Assert.Equal((int)Math.Round(0.2 * data.RowCount, MidpointRounding.AwayFromZero), test.Length);
        Assert.Equal(data.RowCount, train.Length + test.Length);

        var request = Fd001.Request(Fd001.Small(Engine.Configuration.TrainerKind.FastTree), data);
        var model = ModelTrainer.Train(new TrainingRequest
        {
            Data = request.Data, Features = request.Features, TargetColumn = "rul", GroupColumn = null, Options = request.Options,
        });
        Assert.Equal("row", model.Manifest.SplitBy);
        Assert.Empty(model.Manifest.TestUnits);
        Assert.Null(model.Manifest.GroupColumn);
    }

    [Fact]
    public void Needs_two_units()
    {
        var one = Fd001.Units(1);
        var e = Assert.Throws<RetrainException>(() => UnitSplit.Split(one, "unit", 0.2, 42));
        Assert.Equal("TooFewUnits", e.ErrorId);
        Assert.Contains("'unit'", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Rejects_a_test_size_outside_0_to_1(double testSize)
    {
        var e = Assert.Throws<RetrainException>(() => UnitSplit.Split(Fd001.Units(3), "unit", testSize, 42));
        Assert.Equal("InvalidTestSize", e.ErrorId);
    }

    [Fact]
    public void A_missing_group_column_is_named()
    {
        var e = Assert.Throws<DataException>(() => UnitSplit.Split(Fd001.Units(3), "engine", 0.2, 42));
        Assert.Equal("engine", e.Column);
    }
}
