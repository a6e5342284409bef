using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// Train/test split by equipment unit: every unit lies wholly on one side (rows of one unit would leak
/// its future into training). The test side gets round(testSize × units) units, at least 1 and at most
/// units − 1, drawn with a seeded shuffle; without a group column the same rule applies to single rows.
/// </summary>
public static class UnitSplit
{
    public static (int[] TrainRows, int[] TestRows) Split(Dataset data, string? groupColumn, double testSize, int seed)
    {
        if (!(testSize > 0 && testSize < 1))
            throw new RetrainException("InvalidTestSize", RetrainErrorKind.InvalidArgument,
                $"test_size must lie strictly between 0 and 1; it is {testSize}.", "test_size");

        if (groupColumn is null)
        {
            if (data.RowCount < 2)
                throw new RetrainException("TooFewRows", RetrainErrorKind.InvalidData,
                    $"{data.Source}: {data.RowCount} row(s); a train/test split needs at least 2.", data.Source);
            var test = PickTest(data.RowCount, testSize, seed);
            return Partition(data.RowCount, r => test.Contains(r));
        }

        var units = data.Column(groupColumn);
        var distinct = units.Distinct().Order().ToArray();
        if (distinct.Length < 2)
            throw new RetrainException("TooFewUnits", RetrainErrorKind.InvalidData,
                $"{data.Source}: column '{groupColumn}' has {distinct.Length} unit(s); a split by unit needs at least 2.", groupColumn);
        var testUnits = PickTest(distinct.Length, testSize, seed).Select(i => distinct[i]).ToHashSet();
        return Partition(data.RowCount, r => testUnits.Contains(units[r]));
    }

    /// <summary>The distinct group values of the given rows, ascending.</summary>
    public static double[] UnitsOf(Dataset data, string groupColumn, IEnumerable<int> rows)
    {
        var units = data.Column(groupColumn);
        return rows.Select(r => units[r]).Distinct().Order().ToArray();
    }

    /// <summary>How many of <paramref name="count"/> items go to the test side.</summary>
    public static int TestCount(int count, double testSize) =>
        Math.Clamp((int)Math.Round(testSize * count, MidpointRounding.AwayFromZero), 1, count - 1);

    private static HashSet<int> PickTest(int count, double testSize, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        // A seeded System.Random uses the same (legacy) algorithm on every .NET version.
        new Random(seed).Shuffle(order);
        return order.Take(TestCount(count, testSize)).ToHashSet();
    }

    private static (int[] Train, int[] Test) Partition(int rowCount, Func<int, bool> isTest)
    {
        var train = new List<int>(rowCount);
        var test = new List<int>(rowCount / 4);
        for (int r = 0; r < rowCount; r++)
            (isTest(r) ? test : train).Add(r);
        return (train.ToArray(), test.ToArray());
    }
}
