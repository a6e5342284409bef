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
        IProgress<EngineProgress>? progress = null)
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
        var referenceError = ReferenceError.Measure(model, reference, target);
        progress?.Report(EngineProgress.Say("Concept drift", referenceError.Explanation));
        if (!referenceError.Assessed)
            return ConceptDriftAssessment.NotAssessed(referenceError.Explanation, model.Uri);
        var currentMae = MetricsCalculator.Compute(EvaluationLabels.From(current, target, model.Predictor.Manifest.RulCap), model.Predict(current)).Mae;
        return ConceptDriftAssessment.Assess(model.Uri, referenceError.Mae, currentMae, options.DriftDetection.ConceptDriftThreshold,
            referenceError.Source, referenceError.Rows);
    }
}
