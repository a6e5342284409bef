using Retrain.Engine.Data;
using Retrain.Engine.Registry;
using Retrain.Engine.Training;
using Retrain.Engine.Store;

namespace Retrain.Engine.Pipeline;

/// <summary>A model found by URI, its artifact verified and loaded, ready to score datasets.</summary>
public sealed class ScoredModel : IDisposable
{
    private ScoredModel(string uri, ModelVersion? version, ModelPredictor predictor)
    {
        Uri = uri;
        Version = version;
        Predictor = predictor;
    }

    /// <summary>The exact URI of what was loaded: models:/name/version for registered models.</summary>
    public string Uri { get; }

    /// <summary>The registered version, or null for runs:/ URIs and folders.</summary>
    public ModelVersion? Version { get; }

    public ModelPredictor Predictor { get; }

    /// <summary>Resolves <paramref name="uri"/> (any form), verifies the artifact's digest, and loads it.</summary>
    public static ScoredModel Load(IRetrainStore store, string uri, string baseDirectory)
    {
        var resolved = ModelResolver.Resolve(uri, store, baseDirectory);
        return new ScoredModel(resolved.Version?.Uri ?? resolved.Uri, resolved.Version, ModelPredictor.Load(resolved));
    }

    /// <summary>Loads the production version of <paramref name="modelName"/>, or null when there is none yet.</summary>
    public static ScoredModel? LoadProduction(IRetrainStore store, string modelName, string baseDirectory)
    {
        if (!store.ListModels().Any(m => m.Name == modelName))
            return null;
        var version = store.GetVersionByStage(modelName, ModelStage.Production);
        return version is null ? null : Load(store, version.Uri, baseDirectory);
    }

    public double[] Predict(Dataset data) => Predictor.Predict(data);

    public void Dispose() => Predictor.Dispose();
}
