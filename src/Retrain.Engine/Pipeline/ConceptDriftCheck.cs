using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Drift;
using Retrain.Engine.Evaluation;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>Measures a model's error on the reference and the current labelled windows.</summary>
public static class ConceptDriftCheck
{
    /// <summary>
    /// Scores <paramref name="modelUri"/> (default: the production version of deployment.model_name) on both windows.
    /// No labels in a window, or no model to score, gives a "not assessed" result that says why.
    /// An explicitly named model that cannot be found is an error. The reference error is out of sample (see
    /// <see cref="ReferenceError"/>), and both windows' labels are capped at the model's own training cap, never the
    /// session's training.rul_cap, so the check means the same whoever runs it.
    /// </summary>
    public static ConceptDriftAssessment Assess(IRetrainStore store, RetrainOptions options, Dataset reference, Dataset current, string target, string? modelUri,
        IProgress<EngineProgress>? progress = null, CancellationToken cancellation = default)
    {
        foreach (var (data, which) in new[] { (reference, "reference"), (current, "current") })
        {
            if (!data.HasColumn(target))
                return ConceptDriftAssessment.NotAssessed($"the {which} window has no '{target}' labels.", modelUri);
            if (data.RowCount == 0)
                return ConceptDriftAssessment.NotAssessed($"the {which} window is empty.", modelUri);
        }
        using var model = modelUri is not null
            ? ScoredModel.Load(store, modelUri, options.BaseDirectory)
            : ScoredModel.LoadProduction(store, options.Deployment.ModelName, options.BaseDirectory);
        if (model is null)
            return ConceptDriftAssessment.NotAssessed($"model '{options.Deployment.ModelName}' has no production version to score; give -ModelUri.");
        progress?.Report(EngineProgress.Say("Concept drift", $"Scoring {model.Uri} on {reference.RowCount} reference and {current.RowCount} current rows, " +
            $"against {EvaluationLabels.Describe(target, model.Predictor.Manifest.RulCap)} (the model's training cap)."));
        var groupColumn = model.Predictor.Manifest.GroupColumn ?? options.Data.GroupColumn;
        var referenceError = ReferenceError.Measure(model, reference, target, groupColumn);
        progress?.Report(EngineProgress.Say("Concept drift", referenceError.Explanation));
        if (!referenceError.Assessed)
            return ConceptDriftAssessment.NotAssessed(referenceError.Explanation, model.Uri);
        var actual = EvaluationLabels.From(current, target, model.Predictor.Manifest.RulCap);
        var predicted = model.Predict(current);
        var currentMae = MetricsCalculator.Compute(actual, predicted).Mae;
        var currentUnits = ReferenceError.PerUnit(current, groupColumn, actual, predicted);
        var (interval, untested) = Interval(referenceError.Units, currentUnits, groupColumn, options, cancellation);
        return ConceptDriftAssessment.Assess(model.Uri, referenceError.Mae, currentMae, options.DriftDetection.ConceptDriftThreshold,
            referenceError.Source, referenceError.Rows, interval, untested);
    }

    /// <summary>
    /// The score's unit-bootstrap interval at 1 - model_comparison.significance_level, from model_comparison.bootstrap_resamples
    /// resamples seeded by training.seed: rows of one engine share its build and wear, so the increase counts as real only
    /// if it holds over the engines. None (and why) when a window has no units. A window of a single unit adds no spread of
    /// its own (its one engine is drawn every time), only the other window's engines vary.
    /// </summary>
    private static (ConceptDriftInterval?, string?) Interval(IReadOnlyList<UnitErrorTotal>? reference, IReadOnlyList<UnitErrorTotal>? current,
        string? groupColumn, RetrainOptions options, CancellationToken cancellation)
    {
        if (reference is null || current is null)
            return (null, $"Not tested for significance by engines: the {(reference is null ? "reference" : "current")} error has no units " +
                $"({(groupColumn is null ? "no data.group_column" : $"no '{groupColumn}' column, or a model split by row")}), so the score alone decides.");
        var comparison = options.ModelComparison;
        var ci = MaeRatioBootstrap.Interval(reference, current, comparison.BootstrapResamples, options.Training.Seed, 1 - comparison.SignificanceLevel, cancellation);
        return (new ConceptDriftInterval(ci.Lower, ci.Upper, ci.Level, reference.Count, current.Count, comparison.BootstrapResamples), null);
    }
}
