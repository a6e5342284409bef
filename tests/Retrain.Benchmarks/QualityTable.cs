using System.Diagnostics;
using System.Globalization;
using System.Text;
using Retrain.Engine.Configuration;
using Retrain.Engine.Training;
using Retrain.Engine.Tests.Training;

namespace Retrain.Benchmarks;

/// <summary>
/// Reproduces the quality figures (minutes each, so not part of the test suite):
/// <c>quality</c>, the table of all four trainers with and without windows on FD001;
/// <c>tune</c>, the window/trees sweep on a validation split of training units (how the defaults were chosen).
/// </summary>
public sealed class QualityTable(Action<string> write)
{
    /// <summary>
    /// Window and tree count chosen on held-out training units (UnitSplit 80/20, seeds 1..3, mean), never on test_FD001.
    /// "cut-off RMSE" mimics the test set: every row of the held-out units whose true RUL lies in 7..145
    /// (the range of RUL_FD001) is a possible cut-off; predicted vs the uncapped RUL there.
    /// </summary>
    public void TuneWindowOnValidationUnits()
    {
        var grid = (Environment.GetEnvironmentVariable("RETRAIN_TUNE_GRID") ?? "0:200,10:200,20:200,30:200,20:500,30:500")
            .Split(',').Select(p => p.Split(':').Select(int.Parse).ToArray());
        var sb = new StringBuilder("| window | trees | validation RMSE (capped, all rows) | cut-off RMSE (7..145) | fit s |\n|---:|---:|---:|---:|---:|\n");
        var rul = Fd001.Train.Column("rul");
        // Repeated 80/20 splits of the training units (seeds 1..k): the mean validation RMSE over them.
        int repeats = int.Parse(Environment.GetEnvironmentVariable("RETRAIN_TUNE_REPEATS") ?? "3", CultureInfo.InvariantCulture);
        foreach (var g in grid)
        {
            double capped = 0, cutoff = 0, seconds = 0;
            var options = Fd001.Options(TrainerKind.FastTree, g[0], g[1]);
            if (g.Length > 2) options.NumberOfLeaves = g[2];
            if (g.Length > 3) options.MinimumExampleCountPerLeaf = g[3];
            if (g.Length > 4) options.LearningRate = g[4] / 100.0;
            for (int seed = 1; seed <= repeats; seed++)
            {
                options.Seed = seed;
                var model = ModelTrainer.Train(Fd001.Request(options));
                double sq = 0;
                int n = 0;
                for (int i = 0; i < model.TestRows.Length; i++)
                {
                    var truth = rul[model.TestRows[i]];
                    if (truth < 7 || truth > 145)
                        continue;
                    sq += (model.TestPredicted[i] - truth) * (model.TestPredicted[i] - truth);
                    n++;
                }
                capped += model.Manifest.Metrics["rmse"] / repeats;
                cutoff += Math.Sqrt(sq / n) / repeats;
                seconds += model.Manifest.TrainingSeconds / repeats;
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {g[0]} | {g[1]} ({options.NumberOfLeaves} leaves, min {options.MinimumExampleCountPerLeaf}, lr {options.LearningRate}) | {capped:F2} | {cutoff:F2} | {seconds:F1} |");
            write(sb.ToString().Split('\n')[^2]);
        }
        Report("tuning-FD001.md", sb.ToString());
    }

    public void PrintQualityTable()
    {
        var sb = new StringBuilder("| trainer | windows | RMSE | PHM08 score | training s |\n|---|---:|---:|---:|---:|\n");
        foreach (var trainer in Enum.GetValues<TrainerKind>())
            foreach (var window in new[] { 0, QualityDefaults.Window })
            {
                var options = window > 0 ? QualityDefaults.Windowed(trainer) : QualityDefaults.Raw(trainer);
                var clock = Stopwatch.StartNew();
                var model = ModelTrainer.Train(Fd001.Request(options, testSize: QualityDefaults.HoldOutNone));
                var seconds = clock.Elapsed.TotalSeconds;
                using var predictor = ModelPredictor.FromTrained(model);
                var (rmse, score) = Fd001.ScoreLastCycles(predictor);
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {trainer} | {(window > 0 ? window.ToString(CultureInfo.InvariantCulture) : "none")} | {rmse:F2} | {score:F0} | {seconds:F1} |");
                write(sb.ToString().Split('\n')[^2]);
            }
        Report("quality-FD001.md", sb.ToString());
    }

    private void Report(string file, string table)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        File.WriteAllText(path, table);
        write(table);
        write("written to " + path);
    }
}
