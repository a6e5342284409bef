using Retrain.Engine.Tracking;
using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>Stores a model folder as a run's artifact and registers it as a new version: the one path into the registry.</summary>
public static class ModelRegistration
{
    /// <summary>The run artifact directory a model lives in; a version's source is <c>runs:/&lt;id&gt;/model</c>.</summary>
    public const string ArtifactDirectory = StoreNames.ModelArtifactDirectory;

    public static readonly IReadOnlyList<string> RequiredFiles = new[] { "model.zip", "manifest.json" };

    /// <summary>Adds every file of <paramref name="folder"/> under the run's model/ artifact directory, writes them with what the run gathered, then registers them.</summary>
    public static ModelVersion LogAndRegister(TrackedRun run, string modelName, string folder, string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, double>? metrics = null, string? reason = null)
    {
        StoreNames.ValidateModelName(modelName);
        CheckModelFolder(folder);
        // Walk first (links, FIFOs, devices refused), then copy: nothing is copied from a folder that is refused.
        var files = ModelFolder.Walk(folder);
        foreach (var (relative, file) in files)
            run.Artifact($"{ArtifactDirectory}/{relative}", File.OpenRead(file));
        run.Flush();
        return run.Store.RegisterVersion(modelName, run.RunId, ArtifactDirectory, description, tags, metrics, reason);
    }

    /// <summary>Registers a model trained elsewhere: an automated_retraining run tagged source=import holds its files.</summary>
    public static ModelVersion Import(IRetrainStore store, string modelName, string folder, string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, string? reason = null)
    {
        // Before any run or file is written: a bad name must not leave a Failed run holding a copy of the model.
        StoreNames.ValidateModelName(modelName);
        CheckModelFolder(folder);
        ModelFolder.Walk(folder);
        var metrics = ReadManifestMetrics(Path.Combine(folder, "manifest.json"));
        var tagsOfRun = new Dictionary<string, string> { ["source"] = "import", ["import_path"] = Path.GetFullPath(folder) };
        return TrackedRun.Execute(store, ExperimentNames.AutomatedRetraining, StoreNames.DerivedRunName("import ", modelName), tagsOfRun, run =>
        {
            run.Metrics(metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, DateTimeOffset.UtcNow)));
            return LogAndRegister(run, modelName, folder, description, tags, metrics, reason ?? "imported");
        }).Result;
    }

    /// <summary>A model folder must hold the ML.NET zip and the manifest; anything else is an error naming what is missing.</summary>
    public static void CheckModelFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new RetrainException("ModelFolderNotFound", RetrainErrorKind.ObjectNotFound, $"No model folder at '{folder}'.", folder);
        foreach (var required in RequiredFiles)
        {
            if (!File.Exists(Path.Combine(folder, required)))
                throw new RetrainException("NotAModelFolder", RetrainErrorKind.InvalidArgument,
                    $"'{folder}' is not a model folder: it has no {required} (a model folder holds {string.Join(" and ", RequiredFiles)}).", folder);
        }
    }

    /// <summary>The manifest's metrics, after the whole manifest passed its schema (the same check as at load).</summary>
    private static Dictionary<string, double> ReadManifestMetrics(string manifestPath)
    {
        // Sized before it is read: a manifest swollen to gigabytes is refused, not loaded (Walk made sure it is a regular file).
        long length = new FileInfo(manifestPath).Length;
        byte[] bytes = length <= Training.ManifestValidator.MaxManifestBytes ? File.ReadAllBytes(manifestPath) : new byte[Training.ManifestValidator.MaxManifestBytes + 1];
        Training.ModelManifest manifest = Training.ManifestValidator.Parse(bytes, manifestPath);
        return new Dictionary<string, double>(manifest.Metrics, StringComparer.Ordinal);
    }
}
