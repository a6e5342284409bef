using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Training;

namespace Retrain.Engine.Tests.Training;

/// <summary>
/// NASA C-MAPSS FD001 as the published figures use it: train on train_FD001 (run-to-failure RUL), score one
/// prediction per test unit, at its last cycle of test_FD001, against RUL_FD001 as given (not capped).
/// </summary>
internal static class Fd001
{
    private static readonly Lazy<Dataset> LazyTrain = new(() => CmapssReader.Read(Tests.Data.TestData.Cmapss("train_FD001.txt.gz"), addRunToFailureRul: true));
    private static readonly Lazy<Dataset> LazyTest = new(() => CmapssReader.ReadTest(Tests.Data.TestData.Cmapss("test_FD001.txt.gz"), Tests.Data.TestData.Cmapss("RUL_FD001.txt.gz")));

    public static Dataset Train => LazyTrain.Value;

    public static Dataset Test => LazyTest.Value;

    /// <summary>The 24 raw columns: 3 settings + 21 sensors (unit is the group, cycle is excluded, rul the target): DataOptions' defaults.</summary>
    public static IReadOnlyList<string> RawFeatures => FeatureSelection.Resolve(new DataOptions(), "rul", null, Train);

    /// <summary>Options' defaults with RUL cap 125 (the FD001 convention), seed 42 and the given trainer, window and trees.</summary>
    public static TrainingOptions Options(TrainerKind trainer = TrainerKind.FastTree, int window = 0, int trees = 200) => new()
    {
        Trainer = trainer,
        Seed = 42,
        RulCap = 125,
        WindowFeatures = window,
        NumberOfTrees = trees,
    };

    /// <summary>Small and quick, for behaviour tests: 20 trees of 8 leaves.</summary>
    public static TrainingOptions Small(TrainerKind trainer, int window = 0) => new()
    {
        Trainer = trainer,
        Seed = 42,
        RulCap = 125,
        WindowFeatures = window,
        NumberOfTrees = 20,
        NumberOfLeaves = 8,
    };

    /// <summary>The training rows of units 1..n.</summary>
    public static Dataset Units(int n)
    {
        var unit = Train.Column("unit");
        return Train.Where(r => unit[r] <= n);
    }

    public static TrainingRequest Request(TrainingOptions options, Dataset? data = null, double testSize = 0.2) => new()
    {
        Data = data ?? Train,
        Features = RawFeatures,
        TargetColumn = "rul",
        GroupColumn = "unit",
        Options = options,
        TestSize = testSize,
        DataDescription = "train_FD001",
    };

    /// <summary>RMSE and PHM08 score of the model on test_FD001's last cycles vs RUL_FD001.</summary>
    public static (double Rmse, double Phm08) ScoreLastCycles(ModelPredictor predictor)
    {
        var test = Test;
        var predicted = predictor.Predict(test);
        var unit = test.Column("unit");
        var rul = test.Column("rul");
        var last = new List<int>();
        for (int r = 0; r < test.RowCount; r++)
            if (r == test.RowCount - 1 || unit[r + 1] != unit[r])
                last.Add(r); // rows are sorted by unit, then cycle
        var actual = last.Select(r => rul[r]).ToArray();
        var pred = last.Select(r => predicted[r]).ToArray();
        double sq = 0;
        for (int i = 0; i < actual.Length; i++)
            sq += (pred[i] - actual[i]) * (pred[i] - actual[i]);
        return (Math.Sqrt(sq / actual.Length), Phm08Score.Compute(actual, pred));
    }
}
