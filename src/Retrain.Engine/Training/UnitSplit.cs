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

        // Units are categories (numbers or text ids); their codes follow the ids' order, so numeric ids split as they always have.
        var units = data.Labels(groupColumn);
        int count = units.Labels.Count;
        if (count < 2)
            throw new RetrainException("TooFewUnits", RetrainErrorKind.InvalidData,
                $"{data.Source}: column '{groupColumn}' has {count} unit(s); a split by unit needs at least 2.", groupColumn);
        var testUnits = PickTest(count, testSize, seed);
        var codes = units.Codes;
        return Partition(data.RowCount, r => testUnits.Contains(codes[r]));
    }

    /// <summary>The distinct unit ids of the given rows as written (numbers round-trip), in id order.</summary>
    public static string[] UnitsOf(Dataset data, string groupColumn, IEnumerable<int> rows)
    {
        var units = data.Labels(groupColumn);
        return rows.Select(r => units.Codes[r]).Distinct().Order().Select(c => units.Labels[c]).ToArray();
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
