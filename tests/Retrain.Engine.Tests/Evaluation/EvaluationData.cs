namespace Retrain.Engine.Tests.Evaluation;

/// <summary>Deterministic synthetic test rows: RUL-like true values and two models with given noise.</summary>
internal sealed class EvaluationData
{
    public required double[] Actual { get; init; }
    public required double[] Champion { get; init; }
    public required double[] Challenger { get; init; }
    public required int[] Units { get; init; }

    public int Count => Actual.Length;

    /// <summary>
    /// <paramref name="rows"/> rows over <paramref name="units"/> equipment units (consecutive rows share a unit);
    /// errors are normal with the given standard deviations (plus <paramref name="challengerBias"/>).
    /// </summary>
    public static EvaluationData Create(int rows, double championNoise, double challengerNoise, int seed = 7, int units = 50, double challengerBias = 0)
    {
        var rnd = new Random(seed);
        var data = new EvaluationData
        {
            Actual = new double[rows],
            Champion = new double[rows],
            Challenger = new double[rows],
            Units = new int[rows],
        };
        for (var i = 0; i < rows; i++)
        {
            data.Actual[i] = rnd.Next(0, 250);
            data.Champion[i] = data.Actual[i] + championNoise * Normal(rnd);
            data.Challenger[i] = data.Actual[i] + challengerBias + challengerNoise * Normal(rnd);
            data.Units[i] = 1000 + (int)((long)i * units / rows);
        }
        return data;
    }

    private static double Normal(Random rnd) =>
        Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
}
