using Retrain.Engine.Drift;
using Xunit;

namespace Retrain.Engine.Tests.Drift;

/// <summary>Concept drift needs both: a score above the threshold and, where there are units, an increase significant by engines.</summary>
public class ConceptDriftAssessmentTests
{
    private static ConceptDriftAssessment Assess(ConceptDriftInterval? interval, double currentMae = 12.5) =>
        ConceptDriftAssessment.Assess("models:/m/1", 10, currentMae, 0.15, interval: interval, untested: interval is null ? "no units" : null);

    [Fact]
    public void Above_the_threshold_and_significant_by_engines_is_drift()
    {
        var c = Assess(new ConceptDriftInterval(0.05, 0.45, 0.95, 20, 30, 2000));
        Assert.True(c.ExceedsThreshold);
        Assert.True(c.Significant);
        Assert.True(c.Detected);
        Assert.Null(c.Note);
    }

    [Fact]
    public void Above_the_threshold_but_not_significant_by_engines_is_not_drift()
    {
        var c = Assess(new ConceptDriftInterval(-0.1, 0.7, 0.95, 20, 3, 2000));
        Assert.Equal(0.25, c.Score!.Value, 12);
        Assert.True(c.ExceedsThreshold);
        Assert.False(c.Significant);
        Assert.False(c.Detected);
    }

    [Fact]
    public void Significant_but_below_the_threshold_is_not_drift()
    {
        var c = Assess(new ConceptDriftInterval(0.02, 0.12, 0.95, 20, 30, 2000), currentMae: 10.7);
        Assert.False(c.ExceedsThreshold);
        Assert.True(c.Significant);
        Assert.False(c.Detected);
    }

    [Fact]
    public void Without_units_the_score_alone_decides_and_the_note_says_so()
    {
        var c = Assess(null);
        Assert.True(c.Detected);
        Assert.Null(c.Significant);
        Assert.Equal("no units", c.Note);
    }

    [Fact]
    public void The_report_and_its_recommendation_give_score_interval_and_verdict()
    {
        var concept = Assess(new ConceptDriftInterval(-0.1, 0.7, 0.95, 20, 3, 2000));
        var data = Retrain.Engine.Tests.Training.Fd001.Units(10);
        var options = new Retrain.Engine.Configuration.DriftDetectionOptions { MinSamples = 100 };

        var r = new DataDriftDetector(options).Detect(data, data, ["s2", "s3"], concept);

        Assert.Equal(DriftType.None, r.DriftType);
        Assert.True(r.ConceptDriftExceedsThreshold);
        Assert.False(r.ConceptDriftSignificant);
        Assert.Equal(-0.1, r.ConceptDriftLower);
        Assert.Equal(0.7, r.ConceptDriftUpper);
        Assert.Equal(3, r.ConceptCurrentUnits);
        Assert.Contains("(+25%, threshold +15%; 95% CI by engines -10% to +70% over 20 reference and 3 current units, " +
                        "so the increase is not significant by engines and is not concept drift)", r.Recommendation);
    }
}
