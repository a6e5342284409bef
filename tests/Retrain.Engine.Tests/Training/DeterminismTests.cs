using Retrain.Engine.Configuration;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(TrainerKind.FastTree, 0)]
    [InlineData(TrainerKind.FastTree, 5)]
    [InlineData(TrainerKind.LightGbm, 0)]
    public void Same_data_and_seed_give_identical_predictions(TrainerKind trainer, int window)
    {
        var data = Fd001.Units(12);
        var options = Fd001.Small(trainer, window);

        var first = ModelTrainer.Train(Fd001.Request(options, data));
        var second = ModelTrainer.Train(Fd001.Request(options, data));

        Assert.Equal(first.TestRows, second.TestRows);
        Assert.Equal(first.TestPredicted, second.TestPredicted);
        using var a = ModelPredictor.FromTrained(first);
        using var b = ModelPredictor.FromTrained(second);
        Assert.Equal(a.Predict(data), b.Predict(data));
        Assert.Equal(first.Manifest.DataSha256, second.Manifest.DataSha256);
    }

    [Fact]
    public void Another_seed_holds_out_other_units()
    {
        var data = Fd001.Units(12);
        var options = Fd001.Small(TrainerKind.FastTree);
        var first = ModelTrainer.Train(Fd001.Request(options, data));
        options.Seed = 7;
        var second = ModelTrainer.Train(Fd001.Request(options, data));

        Assert.NotEqual(first.Manifest.TestUnits, second.Manifest.TestUnits);
    }
}
