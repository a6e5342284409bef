using System.Text.Json;
using Xunit;

namespace Retrain.Engine.Tests.Evaluation;

/// <summary>The cases of reference/evaluation_cases.json (written by generate_evaluation_cases.py with scikit-learn and scipy).</summary>
internal static class EvaluationReference
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reference", "evaluation_cases.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    });

    public static string Versions => Root.Value.GetProperty("versions").ToString();

    public static IEnumerable<JsonElement> MetricCases => Root.Value.GetProperty("metric_cases").EnumerateArray();

    public static IEnumerable<JsonElement> TTestCases => Root.Value.GetProperty("ttest_cases").EnumerateArray();

    public static JsonElement MetricCase(string name) => MetricCases.Single(c => c.GetProperty("name").GetString() == name);

    public static JsonElement TTestCase(string name) => TTestCases.Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(IEnumerable<JsonElement> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases)
            data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static double[] Doubles(this JsonElement c, string property) =>
        c.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static double Number(this JsonElement c, string property) => c.GetProperty(property).GetDouble();

    /// <summary>|actual - expected| ≤ relative·|expected| (exact when expected is 0), naming the case and value on failure.</summary>
    public static void Close(string caseName, string what, double expected, double actual, double relative)
    {
        var ok = expected == 0 ? actual == 0 : Math.Abs(actual - expected) <= relative * Math.Abs(expected);
        Assert.True(ok, $"case '{caseName}', {what}: expected {expected:R}, got {actual:R} " +
                        $"(relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3}, allowed {relative:G3}; reference {Versions})");
    }
}
