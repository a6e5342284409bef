using System.Text.Json;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Tests.Data;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(TrainerKind.FastTree, 0)]
    [InlineData(TrainerKind.FastTree, 5)]
    [InlineData(TrainerKind.LightGbm, 5)]
    [InlineData(TrainerKind.Sdca, 5)]
    public void Save_load_predict_equals_the_in_memory_predictions(TrainerKind trainer, int window)
    {
        var data = Fd001.Units(10);
        var model = ModelTrainer.Train(Fd001.Request(Fd001.Small(trainer, window), data));
        var folder = Path.Combine(_temp.Path, "model");

        model.Save(folder);
        using var loaded = ModelPredictor.Load(folder);
        using var inMemory = ModelPredictor.FromTrained(model);

        Assert.True(File.Exists(Path.Combine(folder, "model.zip")));
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        Assert.Equal(inMemory.Predict(data), loaded.Predict(data));
        // The test split's rows, given alone (whole units), score as they did during training.
        Assert.Equal(model.TestPredicted, loaded.Predict(data.Take(model.TestRows)));
        Assert.Equal(model.Manifest.ToJson(), loaded.Manifest.ToJson());
    }

    [Fact]
    public void The_manifest_records_how_the_model_was_made()
    {
        var data = Fd001.Units(10);
        var model = ModelTrainer.Train(Fd001.Request(Fd001.Small(TrainerKind.FastTree, 5), data));
        model.Save(_temp.Path);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp.Path, "manifest.json")));
        var root = json.RootElement;
        Assert.Equal("rul", root.GetProperty("target").GetString());
        Assert.Equal("FastTree", root.GetProperty("trainer").GetString());
        Assert.Equal(24, root.GetProperty("features").GetArrayLength());
        Assert.Equal(125, root.GetProperty("rul_cap").GetDouble());
        Assert.Equal(5, root.GetProperty("window_features").GetInt32());
        Assert.Equal("unit", root.GetProperty("group_column").GetString());
        Assert.Equal("cycle", root.GetProperty("order_column").GetString());
        Assert.Equal("unit", root.GetProperty("split_by").GetString());
        Assert.Equal(data.RowCount, root.GetProperty("row_count").GetInt32());
        Assert.Equal(data.RowCount, root.GetProperty("train_rows").GetInt32() + root.GetProperty("test_rows").GetInt32());
        Assert.Equal(2, root.GetProperty("test_units").GetArrayLength()); // 20 % of 10 units
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("data_sha256").GetString());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        foreach (var metric in new[] { "mae", "rmse", "r2" })
            Assert.True(root.GetProperty("metrics").GetProperty(metric).GetDouble() is double v && double.IsFinite(v), metric);
        foreach (var library in new[] { "ml_net", "retrain_engine", "runtime" })
            Assert.False(string.IsNullOrEmpty(root.GetProperty("library_versions").GetProperty(library).GetString()), library);
        Assert.Equal("20", root.GetProperty("hyperparameters").GetProperty("number_of_trees").GetString());
        // The test metrics are against the capped target, like training.
        Assert.True(model.TestActual.Max() <= 125);
        Assert.True(model.TestActual.Length == model.TestPredicted.Length && model.TestActual.Length == model.TestRows.Length);
    }

    [Fact]
    public void The_data_hash_depends_on_values_and_columns_only()
    {
        var data = Fd001.Units(3);
        var features = Fd001.RawFeatures;
        var copy = new Dataset("elsewhere.csv", data.ColumnNames, data.ColumnNames.Select(c => data.Column(c).ToArray()).ToArray());

        Assert.Equal(DataHash.Compute(data, features, "rul"), DataHash.Compute(copy, features, "rul"));
        copy.Column("s4")[7] += 0.01;
        Assert.NotEqual(DataHash.Compute(data, features, "rul"), DataHash.Compute(copy, features, "rul"));
        Assert.NotEqual(DataHash.Compute(data, features, "rul"), DataHash.Compute(data, features.Skip(1).ToArray(), "rul"));
    }
}
