using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Tests.Data;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class TrainingErrorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TrainingRequest Request(Dataset data, IReadOnlyList<string>? features = null, string target = "rul", string? group = "unit", TrainingOptions? options = null) => new()
    {
        Data = data,
        Features = features ?? ["s2", "s3"],
        TargetColumn = target,
        GroupColumn = group,
        Options = options ?? Fd001.Small(TrainerKind.FastTree),
    };

    [Fact]
    public void A_missing_target_column_is_named()
    {
        var e = Assert.Throws<DataException>(() => ModelTrainer.Train(Request(Fd001.Units(3), target: "remaining")));
        Assert.Equal("MissingTargetColumn", e.ErrorId);
        Assert.Equal("remaining", e.Column);
        Assert.Contains("'remaining'", e.Message);
    }

    [Fact]
    public void A_non_finite_target_is_named_with_its_row()
    {
        var data = Fd001.Units(3);
        var columns = data.ColumnNames.Select(c => data.Column(c).ToArray()).ToArray();
        columns[data.ColumnNames.ToList().IndexOf("rul")][4] = double.NaN;
        var bad = new Dataset("bad.csv", data.ColumnNames, columns);

        var e = Assert.Throws<DataException>(() => ModelTrainer.Train(Request(bad)));
        Assert.Equal("NonFiniteTarget", e.ErrorId);
        Assert.Equal("rul", e.Column);
        Assert.Equal(5, e.Row);
    }

    [Fact]
    public void Fewer_than_two_units_cannot_be_split_by_unit()
    {
        var e = Assert.Throws<RetrainException>(() => ModelTrainer.Train(Request(Fd001.Units(1))));
        Assert.Equal("TooFewUnits", e.ErrorId);
        Assert.Contains("'unit'", e.Message);
    }

    [Fact]
    public void Empty_features_are_refused()
    {
        var e = Assert.Throws<RetrainException>(() => ModelTrainer.Train(Request(Fd001.Units(3), features: [])));
        Assert.Equal("NoFeatures", e.ErrorId);
    }

    [Fact]
    public void A_missing_feature_or_group_column_is_named()
    {
        var e = Assert.Throws<DataException>(() => ModelTrainer.Train(Request(Fd001.Units(3), features: ["s2", "s99"])));
        Assert.Equal("s99", e.Column);
        var g = Assert.Throws<DataException>(() => ModelTrainer.Train(Request(Fd001.Units(3), group: "engine")));
        Assert.Equal("engine", g.Column);
    }

    [Fact]
    public void The_target_cannot_also_be_a_feature()
    {
        var e = Assert.Throws<RetrainException>(() => ModelTrainer.Train(Request(Fd001.Units(3), features: ["s2", "rul"])));
        Assert.Equal("TargetIsFeature", e.ErrorId);
    }

    [Fact]
    public void A_bad_cap_or_window_is_refused()
    {
        var cap = Fd001.Small(TrainerKind.FastTree);
        cap.RulCap = 0;
        Assert.Equal("InvalidRulCap", Assert.Throws<RetrainException>(() => ModelTrainer.Train(Request(Fd001.Units(3), options: cap))).ErrorId);
        var window = Fd001.Small(TrainerKind.FastTree);
        window.WindowFeatures = -1;
        Assert.Equal("InvalidWindow", Assert.Throws<RetrainException>(() => ModelTrainer.Train(Request(Fd001.Units(3), options: window))).ErrorId);
    }

    [Fact]
    public void Predicting_without_a_column_the_model_needs_names_it()
    {
        var data = Fd001.Units(4);
        var model = ModelTrainer.Train(Request(data, options: Fd001.Small(TrainerKind.FastTree, window: 3)));
        model.Save(_temp.Path);
        using var predictor = ModelPredictor.Load(_temp.Path);

        var withoutS3 = new Dataset("new.csv", ["unit", "cycle", "s2"], [data.Column("unit"), data.Column("cycle"), data.Column("s2")]);
        var e = Assert.Throws<DataException>(() => predictor.Predict(withoutS3));
        Assert.Equal("s3", e.Column);
        var withoutCycle = new Dataset("new.csv", ["unit", "s2", "s3"], [data.Column("unit"), data.Column("s2"), data.Column("s3")]);
        Assert.Equal("cycle", Assert.Throws<DataException>(() => predictor.Predict(withoutCycle)).Column);
    }

    [Fact]
    public void Loading_from_a_folder_without_a_model_is_not_found()
    {
        var e = Assert.Throws<RetrainException>(() => ModelPredictor.Load(Path.Combine(_temp.Path, "nothing")));
        Assert.Equal("ModelFileNotFound", e.ErrorId);
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
    }

    [Fact]
    public void A_cancelled_token_stops_before_training()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ModelTrainer.Train(Request(Fd001.Units(3)), cancellation: cts.Token));
    }
}
