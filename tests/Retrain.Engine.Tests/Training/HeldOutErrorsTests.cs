using System.Text.Json.Nodes;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Tests.Data;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

/// <summary>The manifest's record of which units a model trained on and how it did on each held-out one.</summary>
public sealed class HeldOutErrorsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Each_held_out_unit_has_its_rows_and_errors_and_they_add_up_to_the_test_metrics()
    {
        var data = Fd001.Units(20);
        var model = ModelTrainer.Train(Fd001.Request(Fd001.Small(Retrain.Engine.Configuration.TrainerKind.FastTree), data));
        var m = model.Manifest;

        Assert.Equal(m.TestUnits.Order(), m.HeldOutErrors.Keys.Order());
        Assert.Equal(m.TestRows, m.HeldOutErrors.Values.Sum(e => e.Rows));
        double sumAbs = m.HeldOutErrors.Values.Sum(e => e.Rows * e.Mae);
        double sumSq = m.HeldOutErrors.Values.Sum(e => e.Rows * e.Rmse * e.Rmse);
        Assert.Equal(m.Metrics["mae"], sumAbs / m.TestRows, 1e-9);
        Assert.Equal(m.Metrics["rmse"], Math.Sqrt(sumSq / m.TestRows), 1e-9);

        // One unit, recomputed from the rows the model held out.
        var unit = UnitKeys.Of(data, "unit");
        var key = m.TestUnits[0];
        var rows = Enumerable.Range(0, model.TestRows.Length).Where(i => unit[model.TestRows[i]] == key).ToArray();
        var expected = MetricsCalculator.Compute(rows.Select(i => model.TestActual[i]).ToArray(), rows.Select(i => model.TestPredicted[i]).ToArray());
        Assert.Equal(new UnitError(rows.Length, expected.Mae, expected.Rmse), m.HeldOutErrors[key]);
    }

    [Fact]
    public void Train_units_and_test_units_are_the_data_s_units_split_in_two()
    {
        var data = Fd001.Units(20);
        var m = ModelTrainer.Train(Fd001.Request(Fd001.Small(Retrain.Engine.Configuration.TrainerKind.FastTree), data)).Manifest;

        Assert.Empty(m.TrainUnits.Intersect(m.TestUnits));
        Assert.Equal(Enumerable.Range(1, 20).Select(u => u.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            m.TrainUnits.Concat(m.TestUnits).Order(StringComparer.Ordinal));
        Assert.Equal(16, m.TrainUnits.Count);
    }

    [Fact]
    public void Without_a_test_split_there_are_no_held_out_errors_and_no_train_units_list()
    {
        var m = ModelTrainer.Train(Fd001.Request(Fd001.Small(Retrain.Engine.Configuration.TrainerKind.FastTree), Fd001.Units(5), testSize: 0)).Manifest;
        Assert.Empty(m.HeldOutErrors);
        Assert.Empty(m.TrainUnits);
    }

    [Fact]
    public void The_new_fields_round_trip_in_format_1_and_a_manifest_without_them_still_loads()
    {
        var model = ModelTrainer.Train(Fd001.Request(Fd001.Small(Retrain.Engine.Configuration.TrainerKind.FastTree), Fd001.Units(10)));
        var folder = Path.Combine(_temp.Path, "model");
        model.Save(folder);
        var path = Path.Combine(folder, TrainedModel.ManifestFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(1, (int)json["format_version"]!);
        Assert.Equal(model.Manifest.HeldOutErrors.Count, json["held_out_errors"]!.AsObject().Count);
        Assert.NotNull(json["held_out_errors"]![model.Manifest.TestUnits[0]]!["mae"]);

        using (var loaded = ModelPredictor.Load(folder))
            Assert.Equal(model.Manifest.HeldOutErrors, loaded.Manifest.HeldOutErrors);

        // A manifest written before the fields existed (same format version): they read as empty, nothing else changes.
        json.Remove("held_out_errors");
        json.Remove("train_units");
        File.WriteAllText(path, json.ToJsonString());
        using var old = ModelPredictor.Load(folder);
        Assert.Empty(old.Manifest.HeldOutErrors);
        Assert.Empty(old.Manifest.TrainUnits);
        Assert.Equal(model.Manifest.TestUnits, old.Manifest.TestUnits);

        // An older reader skips what it does not know: unknown properties are not an error in format 1.
        json["a_field_from_a_later_engine"] = 1;
        File.WriteAllText(path, json.ToJsonString());
        using var later = ModelPredictor.Load(folder);
        Assert.Equal(model.Manifest.Metrics, later.Manifest.Metrics);
    }
}
