using Retrain.Engine.Evaluation;
using System.Diagnostics;
using Microsoft.ML;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// Trains a regression model with ML.NET: checks the request, splits by unit, builds the window features,
/// caps the target, fits on the train split and scores the test split.
/// Deterministic: the same data, options and seed give identical predictions (see <see cref="TrainerFactory"/>).
/// </summary>
public static class ModelTrainer
{
    private const string Activity = "Training model";

    public static TrainedModel Train(TrainingRequest request, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellation.ThrowIfCancellationRequested();
        var data = request.Data;
        var options = request.Options;
        string? orderColumn = TrainingChecks.Validate(request);

        progress?.Report(new EngineProgress(Activity, $"Splitting {data.RowCount} rows", 5));
        var (trainRows, testRows) = request.TestSize == 0
            ? (Enumerable.Range(0, data.RowCount).ToArray(), Array.Empty<int>())
            : UnitSplit.Split(data, request.GroupColumn, request.TestSize, options.Seed);

        progress?.Report(new EngineProgress(Activity, options.WindowFeatures > 0 ? $"Building {options.WindowFeatures}-cycle window features" : "Preparing features", 10));
        var columns = WindowFeatures.Build(data, request.Features, options.WindowFeatures, request.GroupColumn, orderColumn);
        var label = EvaluationLabels.Capped(data.Column(request.TargetColumn), options.RulCap);
        cancellation.ThrowIfCancellationRequested();

        var ml = new MLContext(options.Seed);
        var (estimator, hyperparameters) = TrainerFactory.Create(ml, options);
        var trainView = ModelData.Create(ml, columns, trainRows, label);

        progress?.Report(new EngineProgress(Activity, $"Fitting {options.Trainer} on {trainRows.Length} rows", 20,
            $"{options.Trainer}: {string.Join(", ", hyperparameters.Select(kv => kv.Key + "=" + kv.Value))}; seed {options.Seed}"));
        var clock = Stopwatch.StartNew();
        ITransformer model;
        try
        {
            using (MlCancellation.Link(ml, cancellation))
                model = estimator.Fit(trainView);
        }
        catch (Exception ex) when (cancellation.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("Training was cancelled.", ex, cancellation);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        cancellation.ThrowIfCancellationRequested();

        progress?.Report(new EngineProgress(Activity, $"Scoring {testRows.Length} test rows", 90));
        var predicted = testRows.Length == 0 ? [] : ModelData.Scores(model, ModelData.Create(ml, columns, testRows, null));
        var actual = testRows.Select(r => label[r]).ToArray();
        var metrics = testRows.Length == 0 ? new Dictionary<string, double>() : ManifestMetrics(MetricsCalculator.Compute(actual, predicted));

        var manifest = new ModelManifest
        {
            Features = request.Features.ToArray(),
            ModelFeatures = WindowFeatures.Names(request.Features, options.WindowFeatures),
            Target = request.TargetColumn,
            Trainer = options.Trainer.ToString(),
            Hyperparameters = hyperparameters,
            RulCap = options.RulCap,
            WindowFeatures = options.WindowFeatures,
            GroupColumn = request.GroupColumn,
            OrderColumn = options.WindowFeatures > 0 ? orderColumn : null,
            SplitBy = request.TestSize == 0 ? "none" : request.GroupColumn is null ? "row" : "unit",
            TestSize = request.TestSize,
            DataWindow = request.DataDescription ?? data.Source,
            RowCount = data.RowCount,
            TrainRows = trainRows.Length,
            TestRows = testRows.Length,
            TestUnits = request.GroupColumn is null ? [] : UnitSplit.UnitsOf(data, request.GroupColumn, testRows),
            TrainUnits = request.GroupColumn is null || testRows.Length == 0 ? [] : UnitSplit.UnitsOf(data, request.GroupColumn, trainRows),
            HeldOutErrors = request.GroupColumn is null ? new Dictionary<string, UnitError>() : HeldOutErrors(UnitKeys.Of(data, request.GroupColumn), testRows, actual, predicted),
            DataSha256 = DataHash.Compute(data, request.Features, request.TargetColumn),
            Metrics = metrics,
            LibraryVersions = LibraryVersions.Current(),
            CreatedAt = DateTimeOffset.UtcNow,
            Seed = options.Seed,
            TrainingSeconds = Math.Round(seconds, 3),
        };
        progress?.Report(new EngineProgress(Activity, "Done", 100, testRows.Length == 0
            ? $"{options.Trainer}: fit on all {trainRows.Length} rows (no test split) in {seconds:F1} s"
            : $"{options.Trainer}: test MAE {metrics["mae"]:F2}, RMSE {metrics["rmse"]:F2}, R² {metrics["r2"]:F3} on {testRows.Length} rows; fit {seconds:F1} s"));
        return new TrainedModel(ml, model, trainView.Schema, manifest, actual, predicted, testRows);
    }


    /// <summary>Each held-out unit's error, from the one metrics module, in the order the units first appear in the data.</summary>
    private static Dictionary<string, UnitError> HeldOutErrors(string[] unitOfRow, int[] testRows, double[] actual, double[] predicted)
    {
        var result = new Dictionary<string, UnitError>(StringComparer.Ordinal);
        foreach (var unit in Enumerable.Range(0, testRows.Length).GroupBy(i => unitOfRow[testRows[i]], StringComparer.Ordinal)
                     .OrderBy(g => testRows[g.First()]))
        {
            var m = MetricsCalculator.Compute(unit.Select(i => actual[i]).ToArray(), unit.Select(i => predicted[i]).ToArray());
            result.Add(unit.Key, new UnitError(m.Count, m.Mae, m.Rmse));
        }
        return result;
    }

    /// <summary>The test-split metrics a manifest (and the registered version) carries, from the one metrics module.</summary>
    private static Dictionary<string, double> ManifestMetrics(RegressionMetrics m) => new(StringComparer.Ordinal)
    {
        ["mae"] = m.Mae,
        ["rmse"] = m.Rmse,
        ["r2"] = m.R2,
        ["mape"] = m.Mape,
    };
}
