using System.Globalization;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;
using Retrain.Engine.Training;

namespace Retrain.Engine.Pipeline;

/// <summary>What one tracked training produced: the registered version, its run and the model itself.</summary>
public sealed class TrainingOutcome
{
    public required ModelVersion Version { get; init; }
    public required Run Run { get; init; }
    public required TrainedModel Model { get; init; }
}

/// <summary>Trains on a dataset, tracks the run (params, metrics, model artifact) and registers a new version.</summary>
public static class TrainingWorkflow
{
    /// <summary>The column rows of a unit are ordered by for window features, when the data has it.</summary>
    public const string DefaultOrderColumn = "cycle";

    public static TrainingOutcome TrainAndRegister(IRetrainStore store, RetrainOptions options, Dataset data, string modelName,
        IReadOnlyList<string>? features = null, string? targetColumn = null, TrainerKind? trainer = null, string? description = null,
        string experiment = ExperimentNames.AutomatedRetraining, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        StoreNames.ValidateModelName(modelName);
        StoreNames.ValidateExperimentName(experiment);
        var target = targetColumn ?? options.Data.TargetColumn;
        data = TrainingWindow(data, options.Pipeline.TrainingWindowDays);
        var choice = FeatureSelection.Choose(options.Data, target, features, data);
        if (choice.Note is { } note)
            progress?.Report(EngineProgress.Say(Activity, note));
        var chosen = choice.Features;
        var training = Copy(options.Training);
        if (trainer is { } t)
            training.Trainer = t;
        var group = options.Data.GroupColumn is { } g && data.HasColumn(g) ? g : null;
        if (group is null && options.ModelComparison.TestSize > 0)
            progress?.Report(EngineProgress.Warn(Activity, RowSplitWarning(data, options.Data.GroupColumn)));
        var request = new TrainingRequest
        {
            Data = data,
            Features = chosen,
            TargetColumn = target,
            GroupColumn = group,
            OrderColumn = data.HasColumn(DefaultOrderColumn) ? DefaultOrderColumn : null,
            Options = training,
            TestSize = options.ModelComparison.TestSize,
            DataDescription = Describe(data),
        };

        var runTags = new Dictionary<string, string> { [RunTags.ModelName] = modelName, ["trainer"] = training.Trainer.ToString() };
        var ((version, model), run) = TrackedRun.Execute(store, experiment, StoreNames.DerivedRunName("train ", modelName, $" ({training.Trainer})"), runTags, run =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "retrain-model-" + run.RunId);
            try
            {
                var model = ModelTrainer.Train(request, progress, cancellation);
                var manifest = model.Manifest;
                var parameters = new Dictionary<string, string>(manifest.Hyperparameters)
                {
                    ["trainer"] = manifest.Trainer,
                    ["target"] = manifest.Target,
                    ["features"] = string.Join(",", manifest.Features),
                    ["rul_cap"] = manifest.RulCap?.ToString("R", CultureInfo.InvariantCulture) ?? "none",
                    ["window_features"] = manifest.WindowFeatures.ToString(CultureInfo.InvariantCulture),
                    ["seed"] = manifest.Seed.ToString(CultureInfo.InvariantCulture),
                    ["split_by"] = manifest.SplitBy,
                    ["test_size"] = manifest.TestSize.ToString("R", CultureInfo.InvariantCulture),
                    ["data_window"] = manifest.DataWindow ?? data.Source,
                    ["rows"] = manifest.RowCount.ToString(CultureInfo.InvariantCulture),
                    ["data_sha256"] = manifest.DataSha256,
                };
                var now = DateTimeOffset.UtcNow;
                run.Params(parameters).Metrics(manifest.Metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, now))
                    .Append(new MetricPoint("training_seconds", manifest.TrainingSeconds, 0, now)));
                model.Save(folder);
                var version = ModelRegistration.LogAndRegister(run, modelName, folder, description,
                    new Dictionary<string, string> { ["trainer"] = manifest.Trainer }, manifest.Metrics, reason: $"trained by run {run.RunId}");
                return (version, model);
            }
            finally
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
        });
        return new TrainingOutcome { Version = version, Run = run, Model = model };
    }

    private const string Activity = "Training";

    /// <summary>Why a split by row is not to be trusted: the warning a training without a unit column gets.</summary>
    public static string RowSplitWarning(Dataset data, string? groupColumn) =>
        $"{data.Source} has no unit column{(groupColumn is null ? " (data.group_column is not set)" : $" '{groupColumn}' (data.group_column)")}, so the test split is by row: " +
        "rows of one machine end up in both the training and the test split, so the held-out error can be optimistic (the model is tested on machines it was trained on). " +
        "Set data.group_column to the column naming each machine to split by unit.";

    /// <summary>With timestamps, only the last <paramref name="days"/> days (up to the latest row) are trained on.</summary>
    public static Dataset TrainingWindow(Dataset data, int days)
    {
        if (data.Timestamps is not { Length: > 0 } ts)
            return data;
        var end = ts.Max().AddTicks(1);
        return data.Window(end.AddDays(-days), end);
    }

    private static string Describe(Dataset data) => data.Timestamps is { Length: > 0 } ts
        ? $"{data.Source} [{ts.Min():yyyy-MM-dd} .. {ts.Max():yyyy-MM-dd}]"
        : data.Source;

    private static TrainingOptions Copy(TrainingOptions o) => new()
    {
        Trainer = o.Trainer,
        Seed = o.Seed,
        RulCap = o.RulCap,
        WindowFeatures = o.WindowFeatures,
        NumberOfTrees = o.NumberOfTrees,
        NumberOfLeaves = o.NumberOfLeaves,
        LearningRate = o.LearningRate,
        MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
    };
}
