using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Training;

/// <summary>
/// Builds the ML.NET estimator for a <see cref="TrainerKind"/> from <see cref="TrainingOptions"/>, and
/// names the hyperparameters it actually used (for the manifest).
/// Determinism: every trainer runs on one thread (multi-threaded SDCA and LightGBM are not reproducible,
/// and one thread costs FastTree little at this data size) with the request's seed; LightGBM also gets
/// <c>deterministic=true</c> and <c>force_col_wise=true</c>.
/// </summary>
internal static class TrainerFactory
{
    public const string LabelColumn = "Label";
    public const string FeatureColumn = "Features";

    public static (IEstimator<ITransformer> Estimator, Dictionary<string, string> Hyperparameters) Create(MLContext ml, TrainingOptions o)
    {
        var hp = new Dictionary<string, string>(StringComparer.Ordinal) { ["threads"] = "1" };
        string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        switch (o.Trainer)
        {
            case TrainerKind.FastTree:
                hp["number_of_trees"] = S(o.NumberOfTrees);
                hp["number_of_leaves"] = S(o.NumberOfLeaves);
                hp["learning_rate"] = S(o.LearningRate);
                hp["minimum_example_count_per_leaf"] = S(o.MinimumExampleCountPerLeaf);
                return (ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
                {
                    LabelColumnName = LabelColumn,
                    FeatureColumnName = FeatureColumn,
                    NumberOfTrees = o.NumberOfTrees,
                    NumberOfLeaves = o.NumberOfLeaves,
                    LearningRate = o.LearningRate,
                    MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
                    NumberOfThreads = 1,
                    Seed = o.Seed,
                    FeatureSelectionSeed = o.Seed,
                }), hp);

            case TrainerKind.FastForest:
                hp["number_of_trees"] = S(o.NumberOfTrees);
                hp["number_of_leaves"] = S(o.NumberOfLeaves);
                hp["minimum_example_count_per_leaf"] = S(o.MinimumExampleCountPerLeaf);
                return (ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
                {
                    LabelColumnName = LabelColumn,
                    FeatureColumnName = FeatureColumn,
                    NumberOfTrees = o.NumberOfTrees,
                    NumberOfLeaves = o.NumberOfLeaves,
                    MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
                    NumberOfThreads = 1,
                    Seed = o.Seed,
                    FeatureSelectionSeed = o.Seed,
                }), hp);

            case TrainerKind.LightGbm:
                hp["number_of_iterations"] = S(o.NumberOfTrees);
                hp["number_of_leaves"] = S(o.NumberOfLeaves);
                hp["learning_rate"] = S(o.LearningRate);
                hp["minimum_example_count_per_leaf"] = S(o.MinimumExampleCountPerLeaf);
                hp["deterministic"] = "true";
                return (ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
                {
                    LabelColumnName = LabelColumn,
                    FeatureColumnName = FeatureColumn,
                    NumberOfIterations = o.NumberOfTrees,
                    NumberOfLeaves = o.NumberOfLeaves,
                    LearningRate = o.LearningRate,
                    MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
                    NumberOfThreads = 1,
                    Seed = o.Seed,
                    Deterministic = true,
                    ForceColumnWise = true,
                    Silent = true,
                }), hp);

            case TrainerKind.Sdca:
                hp["normalization"] = "min_max";
                hp["maximum_number_of_iterations"] = "100";
                return (ml.Transforms.NormalizeMinMax(FeatureColumn)
                    .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
                    {
                        LabelColumnName = LabelColumn,
                        FeatureColumnName = FeatureColumn,
                        NumberOfThreads = 1,
                        MaximumNumberOfIterations = 100,
                    })), hp);

            default:
                throw new RetrainException("UnknownTrainer", RetrainErrorKind.InvalidArgument,
                    $"Unknown trainer '{o.Trainer}'; use FastTree, LightGbm, FastForest or Sdca.", "training.trainer");
        }
    }
}
