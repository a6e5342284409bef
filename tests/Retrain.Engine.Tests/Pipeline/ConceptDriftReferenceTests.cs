using System.Text.Json.Nodes;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>
/// The reference error of a concept-drift check is out of sample: the recorded held-out error when the reference
/// is the training data, the reference rows of units the model did not train on when they share units, else the
/// whole reference window.
/// </summary>
public sealed class ConceptDriftReferenceTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _f;

    public ConceptDriftReferenceTests(PipelineFixture fixture) => _f = fixture;

    private static double Mae(string folder, Dataset rows, double? cap)
    {
        using var predictor = ModelPredictor.Load(folder);
        return MetricsCalculator.Compute(EvaluationLabels.Capped(rows.Column("rul"), cap), predictor.Predict(rows)).Mae;
    }

    private ConceptDriftAssessment Assess(string uri, Dataset reference, Dataset current, double? sessionCap = null) =>
        ConceptDriftCheck.Assess(_f.Store, PipelineFixture.Options(sessionCap), reference, current, "rul", uri);

    private static Dataset UnitsWhere(Dataset data, Func<string, bool> keep)
    {
        var keys = UnitKeys.Of(data, "unit");
        return data.Where(r => keep(keys[r]));
    }

    [Fact]
    public void The_training_data_as_reference_is_judged_by_the_error_held_out_at_training()
    {
        var (uri, model) = _f.Model("fd001-30");
        var current = Fd001.Test;

        var c = Assess(uri, _f.Training, current);

        Assert.True(c.Assessed);
        Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, c.ReferenceErrorSource);
        Assert.Equal(model.Manifest.Metrics["mae"], c.ReferenceMae);
        Assert.Equal(model.Manifest.TestRows, c.ReferenceErrorRows);
        Assert.Equal(Mae(uri, current, 125), c.CurrentMae!.Value, 1e-9);
        // Not the error over every training row, mostly in sample, that the check used to compare against.
        Assert.NotEqual(Mae(uri, _f.Training, 125), c.ReferenceMae!.Value, 3);
    }

    [Fact]
    public void The_same_rows_read_again_are_recognised_by_their_data_hash()
    {
        var (uri, model) = _f.Model("fd001-30");
        var copy = _f.Training.Take(Enumerable.Range(0, _f.Training.RowCount).ToArray());
        var c = Assess(uri, copy, Fd001.Units(40).Where(r => Fd001.Units(40).Column("unit")[r] > 30));
        Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, c.ReferenceErrorSource);
        Assert.Equal(model.Manifest.Metrics["mae"], c.ReferenceMae);
    }

    [Fact]
    public void A_reference_sharing_units_with_the_training_data_is_scored_on_its_other_units_only()
    {
        var (uri, model) = _f.Model("fd001-30");
        var reference = Fd001.Units(40); // units 1..30 (some trained on, some held out) and 31..40 (never seen)
        var notTrained = UnitsWhere(reference, u => !model.Manifest.TrainUnits.Contains(u));
        Assert.InRange(notTrained.RowCount, 1, reference.RowCount - 1);

        var c = Assess(uri, reference, Fd001.Test);

        Assert.Equal(ReferenceErrorSource.ReferenceRowsNotTrainedOn, c.ReferenceErrorSource);
        Assert.Equal(notTrained.RowCount, c.ReferenceErrorRows);
        Assert.Equal(Mae(uri, notTrained, 125), c.ReferenceMae!.Value, 1e-9);
    }

    [Fact]
    public void A_reference_of_trained_on_units_only_falls_back_to_the_held_out_error()
    {
        var (uri, model) = _f.Model("fd001-30");
        var trainedOnly = UnitsWhere(_f.Training, model.Manifest.TrainUnits.Contains);

        var c = Assess(uri, trainedOnly, Fd001.Test);

        Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, c.ReferenceErrorSource);
        Assert.Equal(model.Manifest.Metrics["mae"], c.ReferenceMae);
    }

    [Fact]
    public void A_reference_the_model_never_saw_is_scored_whole()
    {
        var (uri, _) = _f.Model("fd001-30");
        var unseen = UnitsWhere(Fd001.Units(45), u => int.Parse(u, System.Globalization.CultureInfo.InvariantCulture) > 30);

        var c = Assess(uri, unseen, Fd001.Test);

        Assert.Equal(ReferenceErrorSource.ReferenceWindow, c.ReferenceErrorSource);
        Assert.Equal(unseen.RowCount, c.ReferenceErrorRows);
        Assert.Equal(Mae(uri, unseen, 125), c.ReferenceMae!.Value, 1e-9);
    }

    [Fact]
    public void The_training_data_of_a_model_that_held_nothing_out_gives_no_reference_error()
    {
        var (uri, _) = _f.Model("fd001-30-all", testSize: 0);
        var c = Assess(uri, _f.Training, Fd001.Test);
        Assert.False(c.Assessed);
        Assert.Contains("test_size 0", c.Note);
        Assert.Equal(uri, c.ModelUri);
    }

    [Fact]
    public void Labels_are_capped_at_the_model_s_cap_whatever_the_session_s_training_rul_cap()
    {
        var (uri, _) = _f.Model("fd001-30");
        var reference = Fd001.Units(40);
        var none = Assess(uri, reference, Fd001.Test, sessionCap: null);
        var other = Assess(uri, reference, Fd001.Test, sessionCap: 60);
        Assert.Equal(none.ReferenceMae, other.ReferenceMae);
        Assert.Equal(none.CurrentMae, other.CurrentMae);
        Assert.Equal(Mae(uri, Fd001.Test, 125), other.CurrentMae!.Value, 1e-9);

        var (uncappedUri, _) = _f.Model("fd001-30-uncapped", cap: null);
        var uncapped = Assess(uncappedUri, reference, Fd001.Test, sessionCap: 125);
        Assert.Equal(Mae(uncappedUri, Fd001.Test, null), uncapped.CurrentMae!.Value, 1e-9);
    }

    [Fact]
    public void A_manifest_from_before_train_units_still_recognises_its_training_data_by_hash()
    {
        var (_, model) = _f.Model("fd001-30");
        var folder = Path.Combine(Path.GetTempPath(), "retrain-old-manifest-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(folder);
            var path = Path.Combine(folder, TrainedModel.ManifestFileName);
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            json.Remove("train_units");
            json.Remove("held_out_errors");
            File.WriteAllText(path, json.ToJsonString());

            Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, Assess(folder, _f.Training, Fd001.Test).ReferenceErrorSource);
            // Without train_units a partial overlap cannot be seen: the whole window is scored, and the report says so.
            var partial = Assess(folder, Fd001.Units(40), Fd001.Test);
            Assert.Equal(ReferenceErrorSource.ReferenceWindow, partial.ReferenceErrorSource);
            Assert.Equal(Fd001.Units(40).RowCount, partial.ReferenceErrorRows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_drift_report_says_where_the_reference_error_comes_from_and_logs_it()
    {
        var (uri, model) = _f.Model("fd001-30");
        var request = new DriftCheckRequest { Reference = _f.Training, Current = Fd001.Test, ModelUri = uri };

        var report = DriftCheck.Run(_f.Store, PipelineFixture.Options(), request);

        Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, report.ReferenceErrorSource);
        Assert.Equal(model.Manifest.TestRows, report.ReferenceErrorRows);
        Assert.Contains("held out at training", report.Recommendation);
        var run = _f.Store.GetRun(report.RunId!);
        Assert.Equal("HeldOutAtTraining", run.Tags["reference_error_source"]);
        Assert.Equal(model.Manifest.TestRows, run.Metrics["reference_error_rows"]);
    }
}
