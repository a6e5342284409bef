using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.Engine.Drift;

/// <summary>
/// Compares a reference and a current window feature by feature: KS test, PSI and Wasserstein distance, and a
/// recommendation a person can act on. With a group (equipment) column the KS statistics are judged against an
/// engine-calibrated null (<see cref="DriftNullChoice"/>); without one, by row-level p-values with multiple-testing correction.
/// </summary>
public sealed class DataDriftDetector
{
    private const string Activity = "Testing features for data drift";
    private readonly DriftDetectionOptions _options;
    private readonly string? _groupColumn;

    /// <param name="options">The drift_detection settings.</param>
    /// <param name="groupColumn">The equipment id column (data.group_column); null judges rows as independent.</param>
    public DataDriftDetector(DriftDetectionOptions options, string? groupColumn = null)
    {
        _options = options;
        _groupColumn = groupColumn;
    }

    public DriftReport Detect(Dataset reference, Dataset current, IReadOnlyList<string> features, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default) =>
        Detect(reference, current, features, ConceptDriftAssessment.NotAssessed("No model was given."), progress, cancellation);

    /// <summary>Data drift per feature, combined with the model's error change on the same windows into one verdict.</summary>
    public DriftReport Detect(Dataset reference, Dataset current, IReadOnlyList<string> features, ConceptDriftAssessment concept, IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        string referenceWindow = DescribeWindow(reference);
        string currentWindow = DescribeWindow(current);
        var insufficient = InsufficientReason(reference.RowCount, current.RowCount);
        if (insufficient is not null)
        {
            return new DriftReport
            {
                Status = DriftStatus.InsufficientData,
                DriftType = DriftType.None,
                Recommendation = insufficient,
                ReferenceWindow = referenceWindow,
                CurrentWindow = currentWindow,
                CurrentWindowEnd = WindowEnd(current),
                ReferenceCount = reference.RowCount,
                CurrentCount = current.RowCount,
                Correction = _options.Correction,
                Threshold = _options.DataDriftThreshold,
                MinStatistic = _options.MinStatistic,
                Timestamp = DateTimeOffset.UtcNow,
            };
        }

        var raw = new (KolmogorovSmirnovResult Ks, double Psi, double Wasserstein)[features.Count];
        int done = 0;
        Parallel.For(0, features.Count, new ParallelOptions { CancellationToken = cancellation }, f =>
        {
            // Sort each column once; KS, PSI and Wasserstein all read the sorted copies.
            var x = SortedCopy.Of(reference.Column(features[f]));
            var y = SortedCopy.Of(current.Column(features[f]));
            var ks = KolmogorovSmirnovTest.TwoSampleSorted(x, y);
            raw[f] = (ks, PopulationStabilityIndex.Compute(x, y, _options.PsiBins), WassersteinDistance.Compute(x, y));
            int n = Interlocked.Increment(ref done);
            progress?.Report(new EngineProgress(Activity, features[f], n * 100 / features.Count,
                $"{features[f]}: {DescribeMethod(ks.Method, x.Length, y.Length)}, D = {ks.Statistic:0.######}, p = {ks.PValue:0.###e+0}"));
        });

        var adjusted = MultipleTestingCorrection.Adjust(raw.Select(r => r.Ks.PValue).ToArray(), _options.Correction);
        progress?.Report(new EngineProgress(Activity, "Calibrating p-values on engines", 100));
        var engineNull = DriftNullChoice.Choose(reference, current, features, _groupColumn, raw.Select(r => r.Ks.Statistic).ToArray(), _options, cancellation);
        if (engineNull.Warning is { } warning)
            progress?.Report(EngineProgress.Warn(Activity, warning));
        var calibrated = engineNull.PValues;
        var results = new FeatureDrift[features.Count];
        for (int f = 0; f < results.Length; f++)
        {
            double decision = calibrated?.Adjusted[f] ?? adjusted[f];
            results[f] = new FeatureDrift
            {
                Feature = features[f],
                Statistic = raw[f].Ks.Statistic,
                PValue = raw[f].Ks.PValue,
                AdjustedPValue = adjusted[f],
                CalibratedPValue = calibrated?.Raw[f],
                CalibratedAdjustedPValue = calibrated?.Adjusted[f],
                Method = raw[f].Ks.Method,
                Psi = raw[f].Psi,
                Wasserstein = raw[f].Wasserstein,
                ReferenceCount = reference.RowCount,
                CurrentCount = current.RowCount,
                Drifted = decision < _options.DataDriftThreshold && raw[f].Ks.Statistic >= _options.MinStatistic,
            };
        }
        string rule = Rule(calibrated);
        if (calibrated is not null)
            progress?.Report(EngineProgress.Say(Activity, $"{rule} ({engineNull.ReferenceEngines} reference and {engineNull.CurrentEngines} current engines)."));

        var affected = results.Where(r => r.Drifted).OrderByDescending(r => r.Statistic).Select(r => r.Feature).ToArray();
        var type = (affected.Length > 0, concept.Detected) switch
        {
            (true, true) => DriftType.Both,
            (true, false) => DriftType.Data,
            (false, true) => DriftType.Concept,
            _ => DriftType.None,
        };
        return new DriftReport
        {
            DriftDetected = type != DriftType.None,
            DriftType = type,
            DriftScore = results.Length == 0 ? 0 : results.Max(r => r.Statistic),
            ConceptDriftScore = concept.Score,
            ConceptDriftAssessed = concept.Assessed,
            ModelUri = concept.ModelUri,
            ReferenceMae = concept.ReferenceMae,
            CurrentMae = concept.CurrentMae,
            ReferenceErrorSource = concept.ReferenceErrorSource,
            ReferenceErrorRows = concept.ReferenceErrorRows,
            ConceptNote = concept.Note,
            ConceptDriftExceedsThreshold = concept.ExceedsThreshold,
            ConceptDriftLower = concept.Interval?.Lower,
            ConceptDriftUpper = concept.Interval?.Upper,
            ConceptDriftLevel = concept.Interval?.Level,
            ConceptDriftSignificant = concept.Significant,
            ConceptReferenceUnits = concept.Interval?.ReferenceUnits,
            ConceptCurrentUnits = concept.Interval?.CurrentUnits,
            AffectedFeatures = affected,
            Features = results,
            Recommendation = $"{Recommend(results, affected, concept)} Rule: {rule}.",
            ReferenceWindow = referenceWindow,
            CurrentWindow = currentWindow,
            CurrentWindowEnd = WindowEnd(current),
            ReferenceCount = reference.RowCount,
            CurrentCount = current.RowCount,
            Status = DriftStatus.Ok,
            Correction = _options.Correction,
            Threshold = _options.DataDriftThreshold,
            MinStatistic = _options.MinStatistic,
            Timestamp = DateTimeOffset.UtcNow,
            PValueBasis = calibrated is null ? PValueBasis.Rows : PValueBasis.Engines,
            Rule = rule,
            NullScheme = calibrated?.Scheme,
            Permutations = calibrated?.Resamples ?? 0,
            PermutationsExact = calibrated?.Exact ?? false,
            PermutationsStoppedEarly = calibrated?.StoppedEarly ?? false,
            GroupColumn = calibrated is null ? null : _groupColumn,
            ReferenceEngines = engineNull.ReferenceEngines,
            CurrentEngines = engineNull.CurrentEngines,
        };
    }

    /// <summary>The decision rule as the report states it (the null's name is in <see cref="DriftReport.NullScheme"/>).</summary>
    private string Rule(CalibratedPValues? calibrated)
    {
        string floor = $"and KS statistic >= {_options.MinStatistic}";
        if (calibrated is null)
            return $"row-level KS p ({CorrectionName(_options.Correction)}) < {_options.DataDriftThreshold} {floor}; rows assumed independent";
        string splits = calibrated.Exact ? $"all {calibrated.Resamples} engine splits"
            : calibrated.StoppedEarly ? $"{calibrated.Resamples} random engine splits, stopped early (no feature could reach the threshold)"
            : $"{calibrated.Resamples} random engine splits";
        return $"engine-calibrated p (Westfall-Young adjusted) < {_options.DataDriftThreshold} {floor}; {splits}";
    }

    private static string CorrectionName(PValueCorrection correction) => correction switch
    {
        PValueCorrection.Bonferroni => "Bonferroni-corrected",
        PValueCorrection.FdrBh => "Benjamini-Hochberg adjusted",
        _ => "uncorrected",
    };

    private string? InsufficientReason(int referenceRows, int currentRows)
    {
        string? which = referenceRows < _options.MinSamples ? $"the reference window has {referenceRows} rows"
            : currentRows < _options.MinSamples ? $"the current window has {currentRows} rows"
            : null;
        return which is null ? null
            : $"Not enough data to judge drift: {which}, fewer than drift_detection.min_samples ({_options.MinSamples}). Collect a longer window or lower min_samples; no drift is reported.";
    }

    private string Recommend(IReadOnlyList<FeatureDrift> results, IReadOnlyList<string> affected, ConceptDriftAssessment concept)
    {
        double maxD = results.Count == 0 ? 0 : results.Max(r => r.Statistic);
        string error = concept.Assessed
            ? concept.Score is { } score
                ? $"the model's MAE went from {concept.ReferenceMae:0.##} ({DescribeReference(concept)}) to {concept.CurrentMae:0.##} ({score:+0.#%;-0.#%;0.#%}, threshold +{_options.ConceptDriftThreshold:0.#%}{DescribeInterval(concept)})"
                : $"the model's MAE went from 0 ({DescribeReference(concept)}) to {concept.CurrentMae:0.##}"
            : string.Empty;
        if (affected.Count > 0)
        {
            var names = affected.Count <= 5 ? string.Join(", ", affected) : string.Join(", ", affected.Take(5)) + $" and {affected.Count - 5} more";
            var data = $"Data drift in {affected.Count} of {results.Count} features ({names}; largest KS statistic {maxD:0.###})";
            if (concept.Detected)
                return $"{data}, and {error}: the model is losing accuracy. Retrain on recent labelled data, and check the data pipeline for a change in these features.";
            if (concept.Assessed)
                return $"{data}, but {error}: predictions still hold. Check the data pipeline for a change in these features; retrain if it is a real change.";
            return $"{data}. Check the data pipeline for a change in these features, then retrain on recent data. Concept drift not assessed: {concept.Note}";
        }
        if (concept.Detected)
            return $"Concept drift: {error} while the inputs look the same, so the relation between the features and the target has changed. Retrain on recent labelled data.";
        int significantOnly = results.Count(r => r.DecisionPValue < _options.DataDriftThreshold);
        var noData = significantOnly > 0
            ? $"No data drift: {significantOnly} feature(s) differ significantly (adjusted p < {_options.DataDriftThreshold}) but by less than " +
              $"drift_detection.min_statistic {_options.MinStatistic} (largest KS statistic {maxD:0.###}), too little to act on"
            : $"No data drift in {results.Count} features (largest KS statistic {maxD:0.###})";
        return concept.Assessed
            ? $"{noData}, and {error}. No action needed."
            : $"{noData}. No action needed. Concept drift not assessed: {concept.Note}";
    }

    /// <summary>The score's interval by engines, and why an increase above the threshold is not drift when it is not significant.</summary>
    private static string DescribeInterval(ConceptDriftAssessment concept) => concept.Interval is not { } i ? ""
        : FormattableString.Invariant($"; {i.Level:0.#%} CI by engines {i.Lower:+0.#%;-0.#%;0.#%} to {i.Upper:+0.#%;-0.#%;0.#%} over {i.ReferenceUnits} reference and {i.CurrentUnits} current units")
          + (concept.ExceedsThreshold && i.Lower <= 0 ? ", so the increase is not significant by engines and is not concept drift" : "");

    /// <summary>Which out-of-sample error the reference MAE is, as the recommendation says it.</summary>
    private static string DescribeReference(ConceptDriftAssessment concept) => concept.ReferenceErrorSource switch
    {
        ReferenceErrorSource.HeldOutAtTraining => "on the units it held out at training",
        ReferenceErrorSource.ReferenceRowsNotTrainedOn => $"on the {concept.ReferenceErrorRows} reference rows of units it did not train on",
        _ => "on the reference window",
    };

    private static string DescribeMethod(KolmogorovSmirnovMethod method, int n1, int n2) => method == KolmogorovSmirnovMethod.Exact
        ? $"exact KS (larger sample {Math.Max(n1, n2)} <= 10000)"
        : $"asymptotic KS (n1 = {n1}, n2 = {n2}{(Math.Max(n1, n2) <= 10000 ? ", exact computation overflowed" : ", larger sample > 10000")})";

    private static DateTimeOffset? WindowEnd(Dataset data) => data.Timestamps is { Length: > 0 } ts ? ts.Max() : null;

    private static string DescribeWindow(Dataset data)
    {
        if (data.Timestamps is { Length: > 0 } ts)
        {
            var (min, max) = (ts.Min(), ts.Max());
            return $"{data.Source} [{min:yyyy-MM-dd HH:mm} .. {max:yyyy-MM-dd HH:mm}] ({data.RowCount} rows)";
        }
        return $"{data.Source} ({data.RowCount} rows)";
    }
}
