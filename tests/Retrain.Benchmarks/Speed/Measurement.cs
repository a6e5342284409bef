using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Retrain.Benchmarks.Speed;

/// <summary>The timings of one side of a case: every repetition after the warm-up.</summary>
internal sealed class Series(string label)
{
    public string Label { get; } = label;

    public List<double> Seconds { get; } = [];

    public double Median => Quantile(0.5);

    public double Min => Seconds.Min();

    public double Max => Seconds.Max();

    private double Quantile(double q)
    {
        var s = Seconds.Order().ToArray();
        var h = (s.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        return s[lo] + (s[Math.Min(lo + 1, s.Length - 1)] - s[lo]) * (h - lo);
    }

    public object ToJson() => new { label = Label, median = Median, min = Min, max = Max, seconds = Seconds };
}

/// <summary>One line of the results table: Retrain against a reference measured in the same run.</summary>
internal sealed class Row
{
    public required string Case { get; init; }
    public required Series Retrain { get; init; }
    public Series? Reference { get; init; }
    /// <summary>The goal as text, e.g. "≥ 3×"; null for rows reported without a goal.</summary>
    public string? Goal { get; init; }
    /// <summary>Goal on the ratio (reference / Retrain), or on the difference when <see cref="GoalOnDifference"/>.</summary>
    public double? GoalValue { get; init; }
    public bool GoalOnDifference { get; init; }
    public string? Note { get; init; }

    /// <summary>Reference median / Retrain median: above 1 means Retrain is faster.</summary>
    [JsonIgnore]
    public double? Ratio => Reference is null ? null : Reference.Median / Retrain.Median;

    /// <summary>Retrain median − reference median, in seconds.</summary>
    [JsonIgnore]
    public double? Difference => Reference is null ? null : Retrain.Median - Reference.Median;

    public bool? Met => GoalValue is not { } g || Reference is null ? null
        : GoalOnDifference ? Difference <= g : Ratio >= g;

    public object ToJson() => new
    {
        @case = Case,
        retrain = Retrain.ToJson(),
        reference = Reference?.ToJson(),
        ratio = Ratio,
        differenceSeconds = GoalOnDifference ? Difference : null,
        goal = Goal,
        met = Met,
        note = Note,
    };
}

internal static class Timing
{
    /// <summary>
    /// Runs the sides in turn, <paramref name="warmup"/> untimed rounds then <paramref name="reps"/> timed ones,
    /// alternating so that a change in machine load falls on every side alike. Each side returns its own seconds.
    /// </summary>
    public static Series[] Alternately(int warmup, int reps, Action<string>? log, params (string Label, Func<double> Run)[] sides)
    {
        var series = sides.Select(s => new Series(s.Label)).ToArray();
        for (int round = 0; round < warmup + reps; round++)
            for (int i = 0; i < sides.Length; i++)
            {
                var seconds = sides[i].Run();
                if (round >= warmup)
                    series[i].Seconds.Add(seconds);
                log?.Invoke($"    {(round < warmup ? "warm-up" : "rep " + (round - warmup + 1))} {sides[i].Label}: {seconds:F3} s");
            }
        return series;
    }

    /// <summary>Seconds an in-process call takes, after a full collection so one side's garbage is not billed to the next.</summary>
    public static double InProcess(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Wall-clock seconds of a fresh process from start to exit; a non-zero exit code is an error.</summary>
    public static double Process(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment, out string output)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment)
                start.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var p = System.Diagnostics.Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        output = stdout.Result;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {string.Join(' ', start.ArgumentList)}' exited with {p.ExitCode}:\n{output}\n{stderr.Result}");
        return seconds;
    }

    /// <summary>Slope of log(seconds) against log(n) by least squares: the exponent b in t ≈ a·n^b.</summary>
    public static double FittedExponent(IReadOnlyList<double> n, IReadOnlyList<double> seconds)
    {
        var x = n.Select(v => Math.Log(v)).ToArray();
        var y = seconds.Select(v => Math.Log(v)).ToArray();
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
