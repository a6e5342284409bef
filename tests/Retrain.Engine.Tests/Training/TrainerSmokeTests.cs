using Retrain.Engine.Configuration;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

/// <summary>Each trainer trains and predicts on a small subset (behaviour, not quality).</summary>
public sealed class TrainerSmokeTests
{
    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.FastForest)]
    [InlineData(TrainerKind.Sdca)]
    public void Trains_and_predicts(TrainerKind trainer)
    {
        var data = Fd001.Units(10);
        var progress = new List<EngineProgress>();

        var model = ModelTrainer.Train(Fd001.Request(Fd001.Small(trainer, window: 5), data), new SyncProgress(progress));
        using var predictor = ModelPredictor.FromTrained(model);
        var predicted = predictor.Predict(data);

        Assert.Equal(trainer.ToString(), model.Manifest.Trainer);
        Assert.Equal(data.RowCount, predicted.Length);
        Assert.All(predicted, p => Assert.True(double.IsFinite(p)));
        // Better than predicting the mean of the capped target: the model learned something.
        Assert.True(model.Manifest.Metrics["r2"] > 0.3, $"R² {model.Manifest.Metrics["r2"]}");
        Assert.Contains(progress, p => p.PercentComplete == 100);
    }

    private sealed class SyncProgress(List<EngineProgress> sink) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => sink.Add(value);
    }
}
