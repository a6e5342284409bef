using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>Concept drift is declared only when the error increase holds over the engines, not over one engine's rows.</summary>
public sealed class ConceptDriftUnitsTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _f;

    public ConceptDriftUnitsTests(PipelineFixture fixture) => _f = fixture;

    private static Dataset UnitsIn(IReadOnlyCollection<string> units)
    {
        var keys = UnitKeys.Of(Fd001.Train, "unit");
        return Fd001.Train.Where(r => units.Contains(keys[r]));
    }

    private static Dataset WithoutUnits(Dataset data) => data.Select(data.ColumnNames.Where(n => n != "unit"));

    /// <summary>Each unseen FD001 engine's MAE under the model, against its training cap.</summary>
    private static List<(string Unit, double Mae)> UnseenEngines(string uri)
    {
        using var predictor = ModelPredictor.Load(uri);
        var unseen = Fd001.Train.Where(r => Fd001.Train.Column("unit")[r] > 30);
        var keys = UnitKeys.Of(unseen, "unit");
        var actual = EvaluationLabels.Capped(unseen.Column("rul"), 125);
        var predicted = predictor.Predict(unseen);
        return Enumerable.Range(0, unseen.RowCount).GroupBy(r => keys[r])
            .Select(g => (g.Key, g.Average(r => Math.Abs(predicted[r] - actual[r])))).OrderBy(u => u.Item2).ToList();
    }

    [Fact]
    public void One_bad_engine_among_a_few_raises_the_score_above_the_threshold_but_is_not_concept_drift()
    {
        var (uri, model) = _f.Model("fd001-30");
        var engines = UnseenEngines(uri);
        var referenceMae = model.Manifest.Metrics["mae"];
        // Four unseen engines about as well predicted as the held-out ones, and the worst unseen engine (twice the error).
        var typical = engines.OrderBy(e => Math.Abs(e.Mae - referenceMae)).Take(4).Select(e => e.Unit);
        var current = UnitsIn(typical.Append(engines[^1].Unit).ToArray());

        var c = ConceptDriftCheck.Assess(_f.Store, PipelineFixture.Options(), _f.Training, current, "rul", uri);
        var report = new DataDriftDetector(PipelineFixture.Options().DriftDetection).Detect(_f.Training, current, ["s2"], c);

        Assert.Contains("so the increase is not significant by engines and is not concept drift", report.Recommendation);
        Assert.Equal(ReferenceErrorSource.HeldOutAtTraining, c.ReferenceErrorSource);
        Assert.True(c.Score > 0.15, $"score {c.Score}");
        Assert.True(c.ExceedsThreshold);
        var i = Assert.IsType<ConceptDriftInterval>(c.Interval);
        Assert.Equal(model.Manifest.HeldOutErrors.Count, i.ReferenceUnits); // the reference's units are the manifest's held-out errors
        Assert.Equal(5, i.CurrentUnits);
        Assert.Equal(200, i.Resamples);                                    // model_comparison.bootstrap_resamples
        Assert.InRange(c.Score!.Value, i.Lower, i.Upper);
        Assert.True(i.Lower <= 0, $"{i}");
        Assert.False(c.Significant);
        Assert.False(c.Detected);
    }

    [Fact]
    public void The_worst_twenty_unseen_engines_are_concept_drift_by_engines()
    {
        var (uri, _) = _f.Model("fd001-30");
        var current = UnitsIn(UnseenEngines(uri).TakeLast(20).Select(e => e.Unit).ToArray());

        var c = ConceptDriftCheck.Assess(_f.Store, PipelineFixture.Options(), _f.Training, current, "rul", uri);

        Assert.True(c.Interval!.Lower > 0, $"{c.Interval}");
        Assert.True(c.Detected);
    }

    [Fact]
    public void A_scored_reference_window_is_resampled_by_its_own_units()
    {
        var (uri, _) = _f.Model("fd001-30");
        var reference = Fd001.Train.Where(r => Fd001.Train.Column("unit")[r] is > 30 and <= 60);

        var c = ConceptDriftCheck.Assess(_f.Store, PipelineFixture.Options(), reference, Fd001.Test, "rul", uri);

        Assert.Equal(ReferenceErrorSource.ReferenceWindow, c.ReferenceErrorSource);
        Assert.Equal(30, c.Interval!.ReferenceUnits);
        Assert.Equal(100, c.Interval.CurrentUnits);
    }

    [Fact]
    public void Without_a_unit_column_the_score_alone_decides_and_the_note_says_so()
    {
        var (uri, _) = _f.Model("fd001-30");
        var options = PipelineFixture.Options();
        var reference = Fd001.Train.Where(r => Fd001.Train.Column("unit")[r] is > 30 and <= 60);
        var current = Fd001.Test;

        var c = ConceptDriftCheck.Assess(_f.Store, options, WithoutUnits(reference), WithoutUnits(current), "rul", uri);

        Assert.True(c.Assessed);
        Assert.Null(c.Interval);
        Assert.Null(c.Significant);
        Assert.Equal(c.ExceedsThreshold, c.Detected);
        Assert.Contains("Not tested for significance by engines", c.Note);
    }
}
