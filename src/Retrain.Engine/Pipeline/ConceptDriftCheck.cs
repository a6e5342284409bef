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
    /// An explicitly named model that cannot be found is an error.
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
        progress?.Report(EngineProgress.Say("Concept drift", $"Scoring {model.Uri} on {reference.RowCount} reference and {current.RowCount} current rows."));
        var referenceMae = MetricsCalculator.Compute(EvaluationLabels.From(reference, target, options.Training), model.Predict(reference)).Mae;
        var currentMae = MetricsCalculator.Compute(EvaluationLabels.From(current, target, options.Training), model.Predict(current)).Mae;
        return ConceptDriftAssessment.Assess(model.Uri, referenceMae, currentMae, options.DriftDetection.ConceptDriftThreshold);
    }
}
