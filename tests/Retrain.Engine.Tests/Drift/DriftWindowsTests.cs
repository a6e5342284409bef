using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;

namespace Retrain.Engine.Tests.Drift;

public class DriftWindowsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // One row per hour for `days` days, value = row index.
    private static Dataset Hourly(string source, int days)
    {
        int n = days * 24;
        var ts = Enumerable.Range(0, n).Select(h => Start.AddHours(h)).ToArray();
        return new Dataset(source, new[] { "x" }, new[] { Enumerable.Range(0, n).Select(i => (double)i).ToArray() }, ts, "time");
    }

    [Fact]
    public void CurrentIsTheLastWindowAndReferenceTheTrainingWindowBeforeIt()
    {
        var data = Hourly("fleet.csv", 120);
        var (reference, current) = DriftWindows.Apply(data, data, new DriftDetectionOptions { WindowSizeDays = 7 }, new PipelineOptions { TrainingWindowDays = 90 });
        Assert.Equal(7 * 24, current.RowCount);
        Assert.Equal(90 * 24, reference.RowCount);
        Assert.Equal(data.Timestamps![^1], current.Timestamps![^1]);               // the latest row is in the current window
        Assert.Equal(current.Timestamps[0].AddHours(-1), reference.Timestamps![^1]); // the windows touch and do not overlap
    }

    [Fact]
    public void AsOfMovesTheAnchor()
    {
        var data = Hourly("fleet.csv", 120);
        var asOf = Start.AddDays(60);
        var (reference, current) = DriftWindows.Apply(data, data, new DriftDetectionOptions { WindowSizeDays = 7 }, new PipelineOptions { TrainingWindowDays = 90 }, asOf);
        Assert.Equal(asOf, current.Timestamps![^1]);
        Assert.Equal(7 * 24, current.RowCount);
        // The current window is (asOf − 7 days, asOf]: the row exactly 7 days before asOf is the reference's last.
        Assert.Equal(53 * 24 + 1, reference.RowCount);
    }

    [Fact]
    public void DataWithoutTimestampsIsLeftWholeButAsOfNeedsThem()
    {
        var plain = new Dataset("plain.csv", new[] { "x" }, new[] { new double[] { 1, 2, 3 } });
        var (reference, current) = DriftWindows.Apply(plain, plain, new DriftDetectionOptions(), new PipelineOptions());
        Assert.Same(plain, reference);
        Assert.Same(plain, current);
        var ex = Assert.Throws<DataException>(() => DriftWindows.Apply(plain, plain, new DriftDetectionOptions(), new PipelineOptions(), Start));
        Assert.Contains("data.timestamp_column", ex.Message);
    }

    [Fact]
    public void AnEmptyWindowBecomesInsufficientDataNotAnError()
    {
        var data = Hourly("fleet.csv", 30);
        var (reference, current) = DriftWindows.Apply(data, data, new DriftDetectionOptions(), new PipelineOptions(), Start.AddDays(-100));
        Assert.Equal(0, current.RowCount);
        var report = new DataDriftDetector(new DriftDetectionOptions()).Detect(reference, current, new[] { "x" });
        Assert.Equal(DriftStatus.InsufficientData, report.Status);
        Assert.Contains("reference window has 0 rows", report.Recommendation);
    }
}
