using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Pipeline;

/// <summary>What a user logs as a run of their own (Write-RetrainRun): params, tags, metrics by step and files.</summary>
public sealed class UserRunRequest
{
    public required string Experiment { get; init; }
    public string? RunName { get; init; }
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<MetricPoint> Metrics { get; init; } = Array.Empty<MetricPoint>();
    /// <summary>Local files or folders (a folder adds every file under it), stored under <see cref="ArtifactPath"/>.</summary>
    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();
    /// <summary>The artifact folder the files go in ('' = the run's root), as mlflow.log_artifacts' artifact_path.</summary>
    public string ArtifactPath { get; init; } = "";
}

/// <summary>
/// Logs a whole run in one call through <see cref="TrackedRun"/>: started and ended together, so a script that stops
/// halfway never leaves a run Running, and written in one batch (one lock, or one transaction).
/// </summary>
public static class UserRun
{
    public static Run Log(IRetrainStore store, UserRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        // Every name and key before the run starts, so a bad one leaves no Failed run behind.
        StoreNames.ValidateExperimentName(request.Experiment);
        if (request.RunName is not null)
            StoreNames.ValidateRunName(request.RunName);
        foreach (string key in request.Params.Keys)
            StoreNames.ValidateKey(key, "Parameter key");
        foreach (string key in request.Tags.Keys)
            StoreNames.ValidateKey(key, "Tag key");
        foreach (MetricPoint point in request.Metrics)
            StoreNames.ValidateKey(point.Key, "Metric key");
        string prefix = StoreNames.ValidateArtifactPath(request.ArtifactPath, allowRoot: true);
        // Every file is found before the run starts: a mistyped path is an error, not a Failed run in the history; a
        // link, a FIFO or a device (in a folder or given alone) is refused before anything is copied.
        var files = new List<(string Artifact, string File)>();
        foreach (string given in request.Files)
        {
            string full = Path.GetFullPath(given);
            if (Directory.Exists(full) && new FileInfo(full).LinkTarget is null)
                files.AddRange(ModelFolder.Walk(full).Select(f => (Join(prefix, f.Relative), f.Full)));
            else if (File.Exists(full) || Directory.Exists(full))
            {
                ModelFolder.CheckFile(full);
                files.Add((Join(prefix, Path.GetFileName(full)), full));
            }
            else
                throw new RetrainException("ArtifactFileNotFound", RetrainErrorKind.ObjectNotFound, $"No file or folder at '{full}' to log as an artifact.", full);
        }
        foreach (var (artifact, _) in files)
            StoreNames.ValidateArtifactPath(artifact);

        var (_, run) = TrackedRun.Execute(store, request.Experiment, request.RunName, null, run =>
        {
            run.Params(request.Params).Tags(request.Tags).Metrics(request.Metrics);
            foreach (var (artifact, file) in files)
                run.Artifact(artifact, File.OpenRead(file));
            return true;
        });
        return run;
    }

    private static string Join(string prefix, string relative)
    {
        string path = relative.Replace(Path.DirectorySeparatorChar, '/');
        return prefix.Length == 0 ? path : $"{prefix}/{path}";
    }
}
