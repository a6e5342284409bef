using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;

namespace Retrain.Benchmarks.Speed;

/// <summary>
/// `bench --case permutation`: the engine-calibrated p-values (issue 12). There is no outside tool that permutes whole
/// engines, so the reference side is the same detector judging rows (no group column) in the same run: the ratio is
/// what calibration costs on top of a row-level check.
/// </summary>
internal sealed partial class SpeedBench
{
    private void PermutationCases()
    {
        // C-MAPSS-sized: FD001 against 10 engines of FD003 (drift: every permutation runs) and 80 FD001 engines against
        // the other 20 (no drift: the early stop ends it).
        var fd001 = WithUnitOffset(CmapssReader.Read(Engine.Tests.Data.TestData.Cmapss("train_FD001.txt.gz")), 0);
        var fd003 = WithUnitOffset(CmapssReader.Read(Engine.Tests.Data.TestData.Cmapss("train_FD003.txt.gz")), 3000);
        var features = FeatureSelection.Resolve(new DataOptions(), "rul", null, fd001);
        var options = new DriftDetectionOptions();
        var engines = new DataDriftDetector(options, "unit");
        var rows = new DataDriftDetector(options);
        var unit001 = fd001.Column("unit");
        var unit003 = fd003.Column("unit");
        foreach (var (label, reference, current) in new[]
        {
            ("FD001 (100 engines) vs 10 FD003 engines, drift: all 999 permutations", fd001, fd003.Where(r => unit003[r] <= 3010)),
            ("FD001 engines 1-80 vs 81-100, no drift: early stop", fd001.Where(r => unit001[r] <= 80), fd001.Where(r => unit001[r] > 80)),
        })
        {
            log($"Engine-calibrated drift, C-MAPSS: {label}");
            DriftReport? report = null;
            var series = Timing.Alternately(s.Warmup, s.Reps, log,
                ("Retrain Detect, engine-calibrated", () => Timing.InProcess(() => report = engines.Detect(reference, current, features))),
                ("Retrain Detect, row-level", () => Timing.InProcess(() => rows.Detect(reference, current, features))));
            _rows.Add(new Row
            {
                Case = $"Engine-calibrated drift, C-MAPSS-sized: {label} ({reference.RowCount:N0} vs {current.RowCount:N0} rows, {features.Count} features)",
                Retrain = series[0], Reference = series[1],
                Note = $"reference side: the same check on rows (no permutations); {report!.Permutations} permutations ran, drift {report.DriftDetected}",
            });
        }

        // The 1M × 24 vs 250k × 24 case with 1,000 engines (800 reference, 200 current, 1,250 rows each).
        int refRows = s.ReferenceRows, curRows = s.CurrentRows, f = s.Features;
        int rowsPerEngine = Math.Max(1, (refRows + curRows) / 1000);
        log($"Engine-calibrated drift: {f} features, {refRows:N0} vs {curRows:N0} rows, {rowsPerEngine:N0} rows per engine");
        var refCols = SyntheticData.Features(refRows, f, current: false, seed: 3);
        var curCols = SyntheticData.Features(curRows, f, current: true, seed: 3);
        var refEngines = Enumerable.Range(0, refRows).Select(i => i / rowsPerEngine).ToArray();
        int firstCurrent = refEngines[^1] + 1;
        var curEngines = Enumerable.Range(0, curRows).Select(i => firstCurrent + i / rowsPerEngine).ToArray();
        int engineCount = curEngines[^1] + 1;
        var observed = refCols.Select((c, i) => KolmogorovSmirnovTest.TwoSample(c, curCols[i]).Statistic).ToArray();
        var nullObserved = refCols.Select(_ => 0.0).ToArray(); // every permutation exceeds: the early stop's best case
        var names = SyntheticData.FeatureNames(f);
        var refData = new Dataset("reference", names, refCols);
        var curData = new Dataset("current", names, curCols);
        CalibratedPValues? full = null, stopped = null;
        var big = Timing.Alternately(0, s.BigReps, log,
            ("EnginePermutationNull, 999 permutations (drifted: no early stop)", () => Timing.InProcess(() =>
                full = EnginePermutationNull.Calibrate(refCols, refEngines, curCols, curEngines, engineCount, observed, 999, 0.05))),
            ("EnginePermutationNull, clearly no drift (early stop)", () => Timing.InProcess(() =>
                stopped = EnginePermutationNull.Calibrate(refCols, refEngines, curCols, curEngines, engineCount, nullObserved, 999, 0.05))),
            ("Retrain Detect, row-level", () => Timing.InProcess(() => rows.Detect(refData, curData, names))));
        _rows.Add(new Row
        {
            Case = $"Engine permutations, {f} features, {refRows:N0} vs {curRows:N0} rows, {engineCount:N0} engines, 999 permutations",
            Retrain = big[0], Reference = big[2],
            Note = $"reference side: the row-level check of the same data; one sort per feature, then 4 permutations per pass over the sorted engine codes, on all cores ({Environment.ProcessorCount}); {full!.Resamples} ran",
        });
        _rows.Add(new Row
        {
            Case = "… the same with no drift (stops once no feature can reach p < 0.05)",
            Retrain = big[1], Reference = big[2],
            Note = $"{stopped!.Resamples} permutations ran (the sort is most of it)",
        });
    }

    private static Dataset WithUnitOffset(Dataset data, int offset) =>
        new(data.Source, data.ColumnNames, data.ColumnNames.Select(n => n == "unit" ? data.Column(n).Select(u => u + offset).ToArray() : data.Column(n)).ToArray());
}
