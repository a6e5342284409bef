using Retrain.Engine.Configuration;
using Retrain.Engine.Training;
using Xunit;
using Xunit.Abstractions;

namespace Retrain.Engine.Tests.Training;

/// <summary>
/// Model quality on NASA C-MAPSS FD001: fit on all 100 training units (RUL capped at 125), one prediction per
/// test unit at its last cycle, scored against RUL_FD001 as given. Published baselines with time-window
/// features: about 17.9 RMSE (random forest) and 15.7 (gradient boosting).
/// </summary>
public sealed class Fd001QualityTests(ITestOutputHelper output)
{
    [Fact]
    public void FastTree_on_the_raw_24_columns_has_rmse_at_most_18_5()
    {
        var model = ModelTrainer.Train(Fd001.Request(QualityDefaults.Raw(), testSize: QualityDefaults.HoldOutNone));
        using var predictor = ModelPredictor.FromTrained(model);

        var (rmse, score) = Fd001.ScoreLastCycles(predictor);

        output.WriteLine($"FastTree raw: RMSE {rmse:F2}, PHM08 {score:F0}");
        Assert.Equal(24, model.Manifest.Features.Count);
        Assert.DoesNotContain("cycle", model.Manifest.Features);
        Assert.InRange(rmse, 0, 18.5);
    }

    [Fact]
    public void FastTree_with_window_features_beats_the_published_random_forest_baseline()
    {
        var model = ModelTrainer.Train(Fd001.Request(QualityDefaults.Windowed(), testSize: QualityDefaults.HoldOutNone));
        using var predictor = ModelPredictor.FromTrained(model);

        var (rmse, score) = Fd001.ScoreLastCycles(predictor);

        output.WriteLine($"FastTree window {QualityDefaults.Window}: RMSE {rmse:F2}, PHM08 {score:F0}");
        Assert.Equal(24 * 3, model.Manifest.ModelFeatures.Count);
        Assert.Equal("cycle", model.Manifest.OrderColumn);
        Assert.InRange(rmse, 0, 17.9 - 1e-9);
    }
}
