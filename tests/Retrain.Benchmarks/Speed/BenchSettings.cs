using System.Globalization;

namespace Retrain.Benchmarks.Speed;

/// <summary>What `bench` was asked to do (command-line flags), with the sizes for a full or a smoke run.</summary>
internal sealed class BenchSettings
{
    public bool Smoke { get; private set; }
    public int Warmup { get; private set; } = 1;
    public int Reps { get; private set; } = 5;
    /// <summary>Repetitions at the largest scaling size (minutes per repetition for the reference).</summary>
    public int BigReps { get; private set; } = 3;
    public int LatencyReps { get; private set; } = 30;
    public string OutDir { get; private set; } = AppContext.BaseDirectory;
    public string WorkDir { get; private set; } = Path.Combine(Path.GetTempPath(), "retrain-bench");
    public string? Python { get; private set; } = "/usr/bin/python3";
    public string ReferenceDir { get; private set; } = Path.Combine(AppContext.BaseDirectory, "reference");
    public string? ModulePath { get; private set; }
    public string? Pwsh { get; private set; }
    public string? PwshDll { get; private set; }
    public string? RepoRoot { get; private set; }
    public HashSet<string> Cases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Features => 24;
    public int ReferenceRows => Smoke ? 20_000 : 1_000_000;
    public int CurrentRows => ReferenceRows / 4;
    public int CompareRows => Smoke ? 20_000 : 1_000_000;
    public int Resamples => Smoke ? 200 : 2000;
    public int Trees => Smoke ? 10 : 200;
    public int[] ScalingRows => Smoke ? [12_000, 16_000, 20_000] : [10_000, 100_000, 1_000_000, 4_000_000];

    public bool Runs(string name) => Cases.Count == 0 || Cases.Contains(name);

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var s = new BenchSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--smoke": s.Smoke = true; s.Warmup = 0; s.Reps = 1; s.BigReps = 1; s.LatencyReps = 2; break;
                case "--reps": s.Reps = NextInt(); break;
                case "--warmup": s.Warmup = NextInt(); break;
                case "--big-reps": s.BigReps = NextInt(); break;
                case "--latency-reps": s.LatencyReps = NextInt(); break;
                case "--out": s.OutDir = Path.GetFullPath(Next()); break;
                case "--work": s.WorkDir = Path.GetFullPath(Next()); break;
                case "--python": s.Python = Next(); break;
                case "--no-reference": s.Python = null; break;
                case "--reference-dir": s.ReferenceDir = Path.GetFullPath(Next()); break;
                case "--module": s.ModulePath = Path.GetFullPath(Next()); break;
                case "--pwsh": s.Pwsh = Next(); break;
                case "--pwsh-dll": s.PwshDll = Next(); break;
                case "--repo": s.RepoRoot = Path.GetFullPath(Next()); break;
                case "--case": s.Cases.UnionWith(Next().Split(',')); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return s;
    }
}
