using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;

namespace Retrain.Benchmarks.Speed;

/// <summary>
/// `bench`: every speed case, Retrain and its reference (scipy / scikit-learn / numpy in reference/worker.py)
/// run alternately on the same data in the same run, then results.md and results.json.
/// </summary>
internal sealed partial class SpeedBench(BenchSettings s, Action<string> log)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly List<Row> _rows = [];
    private readonly List<object> _checks = [];
    private readonly Dictionary<string, object> _extra = [];
    private readonly List<ScalingPoint> _scaling = [];
    private readonly List<TrainingResult> _training = [];
    private ReferenceWorker? _worker;

    internal sealed record ScalingPoint(string Kind, int Rows, Series Retrain, Series? Reference);

    internal sealed record TrainingResult(Series Time, double Rmse, string Settings);

    public int Run()
    {
        Directory.CreateDirectory(s.WorkDir);
        Directory.CreateDirectory(s.OutDir);
        var clock = Stopwatch.StartNew();
        var loadBefore = Machine.LoadAverage();
        JsonObject? versions = null;
        if (s.Python is not null)
        {
            _worker = new ReferenceWorker(s.Python, Path.Combine(s.ReferenceDir, "worker.py"));
            versions = _worker.Versions();
        }
        try
        {
            if (s.Runs("drift") || s.Runs("memory") || s.Runs("e2e") || s.Runs("scaling"))
                DriftCases();
            if (s.Runs("cmapss"))
                CmapssDrift();
            if (s.Runs("permutation"))
                PermutationCases();
            if (s.Runs("training"))
                Training();
            if (s.Runs("compare") || s.Runs("scaling"))
                CompareCases();
            if (s.Runs("import"))
                ImportModule();
            if (s.Runs("registry"))
                RegistryCases();
        }
        finally
        {
            _worker?.Dispose();
        }
        var loadAfter = Machine.LoadAverage();
        new ResultsWriter(s, _rows, _training, _scaling, _checks, _extra, versions, loadBefore, loadAfter, clock.Elapsed).Write();
        log($"Results written to {Path.Combine(s.OutDir, "results.md")} and results.json ({clock.Elapsed.TotalMinutes:F1} min).");
        return 0;
    }

    // ---------------------------------------------------------------- data drift, in memory, end to end, memory, scaling

    private void DriftCases()
    {
        int f = s.Features;
        var names = SyntheticData.FeatureNames(f);
        var options = new DriftDetectionOptions();
        var detector = new DataDriftDetector(options);
        Series? detect1M = null, scipy1M = null;
        foreach (var rows in s.ScalingRows.Append(s.ReferenceRows).Distinct().Order())
        {
            bool main = rows == s.ReferenceRows;
            if (!main && !s.Runs("scaling"))
                continue;
            int curRows = rows / 4;
            log($"Data drift: {f} features, {rows:N0} reference rows vs {curRows:N0} current rows");
            var refCols = SyntheticData.Features(rows, f, current: false, seed: 1);
            var curCols = SyntheticData.Features(curRows, f, current: true, seed: 1);
            var reference = new Dataset("reference", names, refCols);
            var current = new Dataset("current", names, curCols);
            string refFile = Path.Combine(s.WorkDir, $"drift-ref-{rows}.f64"), curFile = Path.Combine(s.WorkDir, $"drift-cur-{rows}.f64");
            SyntheticData.WriteColumns(refFile, refCols);
            SyntheticData.WriteColumns(curFile, curCols);
            string name = $"drift-{rows}";
            _worker?.Setup(name, "drift", new JsonObject
            {
                ["reference"] = refFile, ["current"] = curFile, ["features"] = f, ["referenceRows"] = rows, ["currentRows"] = curRows,
            });

            DriftReport? report = null;
            JsonObject? scipySummary = null;
            var sides = new List<(string, Func<double>)>
            {
                ("Retrain DataDriftDetector.Detect", () => Timing.InProcess(() => report = detector.Detect(reference, current, names))),
            };
            if (main)
            {
                sides.Add(("Retrain KS only, one thread", () => Timing.InProcess(() => KsOnly(reference, current, names))));
                sides.Add(("Retrain KS only, one thread, sorted by Array.Sort (before e8249d9)", () => Timing.InProcess(() => KsOnlyArraySort(reference, current, names))));
            }
            if (_worker is not null)
                sides.Add(("scipy ks_2samp loop", () => { var (t, sum) = _worker.Run(name); scipySummary = sum; return t; }));
            bool big = rows > s.ReferenceRows;
            var series = Timing.Alternately(big ? 0 : s.Warmup, big ? s.BigReps : s.Reps, log, sides.ToArray());
            var scipy = _worker is null ? null : series[^1];
            _scaling.Add(new ScalingPoint("drift", rows, series[0], scipy));
            if (scipySummary is not null && report is not null)
                CheckDrift($"synthetic {rows:N0} vs {curRows:N0}", report, scipySummary);

            if (main)
            {
                (detect1M, scipy1M) = (series[0], scipy);
                _rows.Add(new Row
                {
                    Case = $"Data drift, {f} features, {rows:N0} vs {curRows:N0} rows, in memory",
                    Retrain = series[0], Reference = scipy, Goal = "≥ 3×", GoalValue = 3,
                    Note = "Detect computes KS with Bonferroni, PSI and Wasserstein per feature, parallel over features (2 cores); scipy computes KS only, one core.",
                });
                _rows.Add(new Row
                {
                    Case = "… KS only (like for like: KS + Bonferroni, one thread)",
                    Retrain = series[1], Reference = scipy,
                    Note = "KolmogorovSmirnovTest.TwoSample per feature in a plain loop, then MultipleTestingCorrection.",
                });
                _rows.Add(new Row
                {
                    Case = "… KS only, the engine's sort before the radix sort (Array.Sort)",
                    Retrain = series[2], Reference = scipy,
                    Note = $"the same loop sorting copies with Array.Sort, as the engine did before commit e8249d9; radix sort speed-up {series[2].Median / series[1].Median:0.0}×",
                });
                if (s.Runs("memory"))
                    Memory(refFile, curFile, rows, curRows);
                if (s.Runs("e2e"))
                    EndToEnd(names, refCols, curCols);
            }
            _worker?.Drop(name);
        }
    }

    private static void KsOnly(Dataset reference, Dataset current, IReadOnlyList<string> names)
    {
        var p = new double[names.Count];
        for (int i = 0; i < names.Count; i++)
            p[i] = KolmogorovSmirnovTest.TwoSample(reference.Column(names[i]), current.Column(names[i])).PValue;
        MultipleTestingCorrection.Adjust(p, PValueCorrection.Bonferroni);
    }

    private static void KsOnlyArraySort(Dataset reference, Dataset current, IReadOnlyList<string> names)
    {
        var p = new double[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            var x = (double[])reference.Column(names[i]).Clone();
            var y = (double[])current.Column(names[i]).Clone();
            Array.Sort(x);
            Array.Sort(y);
            p[i] = KolmogorovSmirnovTest.TwoSampleSorted(x, y).PValue;
        }
        MultipleTestingCorrection.Adjust(p, PValueCorrection.Bonferroni);
    }

    private void CheckDrift(string what, DriftReport report, JsonObject scipy)
    {
        if (report.Status != DriftStatus.Ok)
            throw new InvalidOperationException($"drift {what}: the report is {report.Status}: {report.Recommendation}");
        var d = scipy["statistics"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        var p = scipy["pValues"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        double maxD = 0, maxRelP = 0;
        for (int i = 0; i < d.Length; i++)
        {
            maxD = Math.Max(maxD, Math.Abs(report.Features[i].Statistic - d[i]));
            if (p[i] >= 1e-12)
                maxRelP = Math.Max(maxRelP, Math.Abs(report.Features[i].PValue - p[i]) / p[i]);
        }
        int drifted = scipy["drifted"]!.GetValue<int>();
        _checks.Add(new { check = $"drift {what}", maxStatisticDifference = maxD, maxPValueRelativeDifference = maxRelP, retrainDrifted = report.AffectedFeatures.Count, scipyDrifted = drifted });
        log($"    check: |ΔD| ≤ {maxD:E1}, p rel. ≤ {maxRelP:E1}, drifted {report.AffectedFeatures.Count} (Retrain) / {drifted} (scipy)");
    }

    private void Memory(string refFile, string curFile, int rows, int curRows)
    {
        log("Peak memory of a dedicated process: load the drift data, check once");
        var (file, prefix) = SelfCommand();
        Timing.Process(file, [.. prefix, "drift-memory", refFile, curFile, s.Features.ToString(Inv), rows.ToString(Inv), curRows.ToString(Inv)], null, out var output);
        long retrain = long.Parse(output.Trim().Split('\n')[^1], Inv);
        long dataBytes = (long)(rows + curRows) * s.Features * sizeof(double);
        long? python = null;
        if (s.Python is not null)
        {
            var args = new JsonObject { ["reference"] = refFile, ["current"] = curFile, ["features"] = s.Features, ["referenceRows"] = rows, ["currentRows"] = curRows };
            Timing.Process(s.Python, [Path.Combine(s.ReferenceDir, "worker.py"), "memory", args.ToJsonString()], null, out var py);
            python = JsonNode.Parse(py)!["peakBytes"]!.GetValue<long>();
        }
        const long goal = 1_500_000_000;
        _extra["memory"] = new { retrainPeakBytes = retrain, pythonPeakBytes = python, dataBytes, goalBytes = goal, met = retrain <= goal };
        log($"    peak RSS: Retrain {retrain / 1e6:F0} MB, Python {python / 1e6:F0} MB (data alone {dataBytes / 1e6:F0} MB)");
    }

    /// <summary>The command that starts this harness again (apphost, or dotnet + dll).</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (host, [typeof(SpeedBench).Assembly.Location])
            : (host, []);
    }

    private void EndToEnd(string[] names, double[][] refCols, double[][] curCols)
    {
        if (s.ModulePath is null || s.Pwsh is null)
        {
            log("End to end: skipped (no --module/--pwsh given)");
            return;
        }
        string refCsv = Path.Combine(s.WorkDir, "ref.csv"), curCsv = Path.Combine(s.WorkDir, "cur.csv");
        log($"End to end: writing {refCsv} and {curCsv}");
        SyntheticData.WriteCsv(refCsv, names, refCols);
        SyntheticData.WriteCsv(curCsv, names, curCols);
        // Reading alone, like for like: the engine's CSV reader in this process vs pandas.read_csv in the worker.
        _worker?.Setup("read-csv", "readcsv", new JsonObject { ["path"] = refCsv });
        var readSides = new List<(string, Func<double>)> { ("Retrain CsvDatasetReader.Read", () => Timing.InProcess(() => CsvDatasetReader.Read(refCsv))) };
        if (_worker is not null)
            readSides.Add(("pandas.read_csv", () => _worker.Run("read-csv").Seconds));
        var read = Timing.Alternately(s.Warmup, s.Reps, log, readSides.ToArray());
        _rows.Add(new Row
        {
            Case = $"… reading the reference CSV alone ({new FileInfo(refCsv).Length / 1e6:F0} MB, {refCols[0].Length:N0} rows × {names.Length}), in a warm process",
            Retrain = read[0], Reference = read.Length > 1 ? read[1] : null,
            Note = "CsvDatasetReader parses rows on all cores (commit 052f2ac); pandas' C parser uses one",
        });
        _worker?.Drop("read-csv");

        var store = Path.Combine(s.WorkDir, "store");
        var env = new Dictionary<string, string> { ["RETRAIN_STORE_URI"] = "file:" + store };
        string script = $"$ErrorActionPreference = 'Stop'; Import-Module '{s.ModulePath}'; " +
                        $"$r = Test-ModelDrift -ReferencePath '{refCsv}' -CurrentPath '{curCsv}'; '{{0}} {{1}}' -f $r.DriftScore, $r.AffectedFeatures.Count";
        string retrainOut = "", pythonOut = "";
        var sides = new List<(string, Func<double>)>
        {
            ("pwsh: Import-Module + Test-ModelDrift", () => Timing.Process(s.Pwsh, PwshArgs("-Command", script), env, out retrainOut)),
        };
        if (s.Python is not null)
            sides.Add(("python: pandas.read_csv + ks_2samp loop", () => Timing.Process(s.Python, [Path.Combine(s.ReferenceDir, "e2e_drift.py"), refCsv, curCsv], null, out pythonOut)));
        var series = Timing.Alternately(s.Warmup, s.Reps, log, sides.ToArray());
        _rows.Add(new Row
        {
            Case = $"Data drift end to end, fresh process, CSV {new FileInfo(refCsv).Length / 1e6:F0} MB + {new FileInfo(curCsv).Length / 1e6:F0} MB",
            Retrain = series[0], Reference = series.Length > 1 ? series[1] : null, Goal = "≥ 1.5×", GoalValue = 1.5,
            Note = "Retrain also computes PSI and Wasserstein and logs the run to a file store.",
        });
        _checks.Add(new { check = "end to end output (max D, drifted)", retrain = retrainOut.Trim(), python = pythonOut.Trim() });
        log($"    check: Retrain '{retrainOut.Trim()}', Python '{pythonOut.Trim()}'");
        File.Delete(refCsv);
        File.Delete(curCsv);
    }

    private string[] PwshArgs(params string[] rest) =>
        [.. s.PwshDll is null ? Array.Empty<string>() : [s.PwshDll], "-NoProfile", "-NonInteractive", .. rest];

    // ---------------------------------------------------------------- C-MAPSS drift latency

    private void CmapssDrift()
    {
        log("C-MAPSS FD001 vs FD003 data drift, latency of one check");
        var reference = CmapssReader.Read(Engine.Tests.Data.TestData.Cmapss("train_FD001.txt.gz"));
        var current = CmapssReader.Read(Engine.Tests.Data.TestData.Cmapss("train_FD003.txt.gz"));
        var features = FeatureSelection.Resolve(new DataOptions(), "rul", null, reference, current);
        var detector = new DataDriftDetector(new DriftDetectionOptions());
        string refFile = Path.Combine(s.WorkDir, "fd001.f64"), curFile = Path.Combine(s.WorkDir, "fd003.f64");
        SyntheticData.WriteColumns(refFile, features.Select(reference.Column).ToArray());
        SyntheticData.WriteColumns(curFile, features.Select(current.Column).ToArray());
        _worker?.Setup("cmapss", "drift", new JsonObject
        {
            ["reference"] = refFile, ["current"] = curFile, ["features"] = features.Count, ["referenceRows"] = reference.RowCount, ["currentRows"] = current.RowCount,
        });
        DriftReport? report = null;
        JsonObject? summary = null;
        var sides = new List<(string, Func<double>)> { ("Retrain DataDriftDetector.Detect", () => Timing.InProcess(() => report = detector.Detect(reference, current, features))) };
        if (_worker is not null)
            sides.Add(("scipy ks_2samp loop", () => { var (t, sum) = _worker.Run("cmapss"); summary = sum; return t; }));
        var series = Timing.Alternately(Math.Max(s.Warmup, 1), s.LatencyReps, null, sides.ToArray());
        _rows.Add(new Row
        {
            Case = $"Data drift C-MAPSS FD001 ({reference.RowCount:N0}) vs FD003 ({current.RowCount:N0}), {features.Count} features, p50 of {s.LatencyReps}",
            Retrain = series[0], Reference = series.Length > 1 ? series[1] : null,
        });
        if (summary is not null)
            CheckDrift("C-MAPSS FD001 vs FD003", report!, summary);
        _worker?.Drop("cmapss");
    }

    // ---------------------------------------------------------------- training on FD001

    private void Training()
    {
        log("Training on C-MAPSS FD001 (RUL cap 125)");
        var train = Fd001.Train;
        var test = Fd001.Test;
        var features = Fd001.RawFeatures;
        // Last cycle of each test unit, scored against RUL_FD001 (as Fd001.ScoreLastCycles does).
        var unit = test.Column("unit");
        var last = Enumerable.Range(0, test.RowCount).Where(r => r == test.RowCount - 1 || unit[r + 1] != unit[r]).ToArray();
        var capped = train.Column("rul").Select(y => Math.Min(125.0, y)).ToArray();
        string trainX = Path.Combine(s.WorkDir, "fd001-train-x.f64"), trainY = Path.Combine(s.WorkDir, "fd001-train-y.f64");
        string testX = Path.Combine(s.WorkDir, "fd001-test-x.f64"), testY = Path.Combine(s.WorkDir, "fd001-test-y.f64");
        SyntheticData.WriteColumns(trainX, features.Select(train.Column).ToArray());
        SyntheticData.WriteColumns(trainY, [capped]);
        SyntheticData.WriteColumns(testX, features.Select(c => last.Select(r => test.Column(c)[r]).ToArray()).ToArray());
        SyntheticData.WriteColumns(testY, [last.Select(r => test.Column("rul")[r]).ToArray()]);

        var ft = QualityDefaults.Raw(TrainerKind.FastTree);
        ft.NumberOfTrees = s.Trees;
        var lgbm = QualityDefaults.Raw(TrainerKind.LightGbm);
        lgbm.NumberOfTrees = s.Trees;
        var sides = new List<(string, Func<double>)>();
        var rmse = new Dictionary<string, double>();
        foreach (var options in new[] { ft, lgbm })
        {
            string label = $"ML.NET {options.Trainer}";
            sides.Add((label, () =>
            {
                TrainedModel? model = null;
                var seconds = Timing.InProcess(() => model = ModelTrainer.Train(Fd001.Request(options, testSize: QualityDefaults.HoldOutNone)));
                using var predictor = ModelPredictor.FromTrained(model!);
                rmse[label] = Fd001.ScoreLastCycles(predictor).Rmse;
                return seconds;
            }));
        }
        if (_worker is not null)
        {
            foreach (var (kind, label) in new[] { ("hist", "sklearn HistGradientBoostingRegressor"), ("gbr", "sklearn GradientBoostingRegressor") })
            {
                _worker.Setup("train-" + kind, "train", new JsonObject
                {
                    ["model"] = kind, ["trainX"] = trainX, ["trainY"] = trainY, ["testX"] = testX, ["testY"] = testY, ["features"] = features.Count,
                    ["trainRows"] = train.RowCount, ["testRows"] = last.Length, ["trees"] = s.Trees, ["leaves"] = ft.NumberOfLeaves,
                    ["learningRate"] = ft.LearningRate, ["minLeaf"] = ft.MinimumExampleCountPerLeaf, ["seed"] = 42,
                });
                sides.Add((label, () =>
                {
                    var (t, sum) = _worker.Run("train-" + kind);
                    rmse[label] = sum["rmse"]!.GetValue<double>();
                    return t;
                }));
            }
        }
        var series = Timing.Alternately(s.Warmup, s.Reps, log, sides.ToArray());
        string settings = $"{s.Trees} trees, {ft.NumberOfLeaves} leaves, learning rate {ft.LearningRate}, ≥ {ft.MinimumExampleCountPerLeaf} rows per leaf";
        foreach (var x in series)
            _training.Add(new TrainingResult(x, rmse[x.Label], settings));
        if (series.Length == 4)
        {
            foreach (var (mine, theirs) in new[] { (0, 2), (0, 3), (1, 2), (1, 3) })
                _rows.Add(new Row
                {
                    Case = $"Training FD001: {series[mine].Label.Replace("ML.NET ", "")} vs {series[theirs].Label.Replace("sklearn ", "")}",
                    Retrain = series[mine], Reference = series[theirs],
                    Note = $"test RMSE {rmse[series[mine].Label]:F2} vs {rmse[series[theirs].Label]:F2}",
                });
            _worker!.Drop("train-hist");
            _worker.Drop("train-gbr");
        }
    }

    // ---------------------------------------------------------------- champion / challenger comparison

    private void CompareCases()
    {
        var options = new ModelComparisonOptions { BootstrapResamples = s.Resamples };
        foreach (var rows in s.ScalingRows.Append(s.CompareRows).Distinct().Order())
        {
            bool main = rows == s.CompareRows;
            if ((main && !s.Runs("compare")) || (!main && !s.Runs("scaling")))
                continue;
            log($"Compare-Model engine: {rows:N0} labelled rows, {s.Resamples} bootstrap resamples");
            var (actual, champion, challenger, groups) = SyntheticData.Labelled(rows, 7);
            string values = Path.Combine(s.WorkDir, $"compare-{rows}.f64"), groupFile = Path.Combine(s.WorkDir, $"compare-groups-{rows}.i32");
            SyntheticData.WriteColumns(values, [actual, champion, challenger]);
            SyntheticData.WriteInts(groupFile, groups);
            bool big = rows > s.CompareRows;
            foreach (var useGroups in main ? new[] { false, true } : [false])
            {
                string name = $"compare-{rows}-{useGroups}";
                _worker?.Setup(name, "compare", new JsonObject
                {
                    ["values"] = values, ["groups"] = groupFile, ["rows"] = rows, ["useGroups"] = useGroups, ["resamples"] = s.Resamples, ["seed"] = 42,
                });
                ComparisonOutcome? outcome = null;
                JsonObject? summary = null;
                var sides = new List<(string, Func<double>)>
                {
                    ("Retrain ModelComparer.Compare", () => Timing.InProcess(() => outcome = ModelComparer.Compare(actual, champion, challenger, useGroups ? groups : null, null, options, 42))),
                };
                if (_worker is not null)
                    sides.Add(("numpy/scipy", () => { var (t, sum) = _worker.Run(name); summary = sum; return t; }));
                var series = Timing.Alternately(big ? 0 : s.Warmup, big ? s.BigReps : s.Reps, log, sides.ToArray());
                var reference = series.Length > 1 ? series[1] : null;
                if (!useGroups)
                    _scaling.Add(new ScalingPoint("compare", rows, series[0], reference));
                if (main)
                    _rows.Add(new Row
                    {
                        Case = $"Compare-Model engine, {rows:N0} rows, {s.Resamples:N0} resamples, {(useGroups ? $"by unit ({groups[^1]:N0} units)" : "by row")}",
                        Retrain = series[0], Reference = reference,
                        Note = "metrics of both models + paired t-test + percentile bootstrap CI of the MAE improvement",
                    });
                if (summary is not null && outcome is not null)
                {
                    var check = new
                    {
                        check = $"compare {rows:N0} rows, groups {useGroups}",
                        maeDifference = Math.Abs(outcome.Champion!.Mae - summary["champion"]!["mae"]!.GetValue<double>()) + Math.Abs(outcome.Challenger.Mae - summary["challenger"]!["mae"]!.GetValue<double>()),
                        tRetrain = outcome.TStatistic, tScipy = summary["t"]!.GetValue<double>(),
                        pRetrain = outcome.PValue, pScipy = summary["p"]!.GetValue<double>(),
                        ciRetrain = new[] { outcome.ConfidenceInterval.Lower, outcome.ConfidenceInterval.Upper },
                        ciNumpy = new[] { summary["ciLow"]!.GetValue<double>(), summary["ciHigh"]!.GetValue<double>() },
                    };
                    _checks.Add(check);
                    log($"    check: t {check.tRetrain:F4} / {check.tScipy:F4}, CI [{check.ciRetrain[0]:F3}, {check.ciRetrain[1]:F3}] / [{check.ciNumpy[0]:F3}, {check.ciNumpy[1]:F3}]");
                }
                _worker?.Drop(name);
            }
        }
    }

    // ---------------------------------------------------------------- Import-Module

    private void ImportModule()
    {
        if (s.ModulePath is null || s.Pwsh is null)
        {
            log("Import-Module: skipped (no --module/--pwsh given)");
            return;
        }
        log("Import-Module time in a fresh pwsh");
        var series = Timing.Alternately(s.Warmup, Math.Max(s.Reps, s.Smoke ? 1 : 10), log,
            ("pwsh -c 'Import-Module Retrain'", () => Timing.Process(s.Pwsh, PwshArgs("-Command", $"Import-Module '{s.ModulePath}'; exit"), null, out _)),
            ("pwsh -c exit (bare)", () => Timing.Process(s.Pwsh, PwshArgs("-Command", "exit"), null, out _)));
        _rows.Add(new Row
        {
            Case = "Import-Module of the packaged module, fresh pwsh",
            Retrain = series[0], Reference = series[1], Goal = "≤ 1.0 s above bare", GoalValue = 1.0, GoalOnDifference = true,
            Note = "the reference is a bare pwsh start; the goal is on the difference of medians",
        });
    }
}
