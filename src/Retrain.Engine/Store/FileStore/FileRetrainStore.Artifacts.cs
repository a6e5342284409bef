using Retrain.Engine.Tracking;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

// Artifacts: a run's files under its artifact folder, addressed by validated relative paths.
public sealed partial class FileRetrainStore
{
    public void LogArtifact(string runId, string artifactPath, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var batch = new RunBatch();
        batch.Artifacts.Add(new(artifactPath, content));
        LogBatch(runId, batch);
    }

    /// <summary>Validates the path and copies the content to a temp file beside its target (outside the lock); the caller publishes it.</summary>
    private (string Target, string Temp) StageArtifact(string runId, string artifactPath, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = StoreNames.ValidateArtifactPath(artifactPath);
        string target = ArtifactFullPath(runId, path);
        if (Directory.Exists(target))
            throw StoreException.Invalid("ArtifactPathIsDirectory", $"Artifact path '{path}' of run '{runId}' is a directory.", $"runs:/{runId}/{path}");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }
        catch (IOException e) when (FileFailure.Classify(e) == FileFailureKind.Other)
        {
            throw new StoreException("InvalidArtifactPath", RetrainErrorKind.InvalidArgument,
                $"Cannot store artifact '{path}' of run '{runId}': a part of the path is a file ({e.Message}).", $"runs:/{runId}/{path}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw IoFailure(e, "write an artifact into");
        }
        try
        {
            AtomicFile.CopyToTemp(content, target, out string temp);
            return (target, temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw IoFailure(e, "write an artifact into");
        }
    }

    public Stream OpenArtifact(string runId, string artifactPath)
    {
        StoreNames.ValidateRunId(runId);
        string path = StoreNames.ValidateArtifactPath(artifactPath);
        return Read<Stream>(() =>
        {
            LoadRun(runId);
            try
            {
                return new FileStream(ArtifactFullPath(runId, path), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                throw ArtifactNotFound(runId, path);
            }
        });
    }

    public IReadOnlyList<string> ListArtifacts(string runId, string? prefix = null)
    {
        StoreNames.ValidateRunId(runId);
        string directory = StoreNames.ValidateArtifactPath(prefix ?? "", allowRoot: true);
        return Read(() =>
        {
            LoadRun(runId);
            string full = ArtifactFullPath(runId, directory);
            if (directory.Length > 0 && File.Exists(full))
                return new[] { directory };
            string under = directory.Length == 0 ? "" : directory + "/";
            return FileHashes(runId, directory, hash: false).Keys.Select(p => under + p).ToArray();
        });
    }

    public string ArtifactDirectoryDigest(string runId, string directory)
    {
        StoreNames.ValidateRunId(runId);
        string dir = StoreNames.ValidateArtifactPath(directory, allowRoot: true);
        return Read(() =>
        {
            LoadRun(runId);
            return ArtifactDigest.Compute(NonEmptyFileHashes(runId, dir));
        });
    }

    public string MaterializeRunArtifact(string runId, string artifactPath)
    {
        StoreNames.ValidateRunId(runId);
        string path = StoreNames.ValidateArtifactPath(artifactPath, allowRoot: true);
        return Read(() =>
        {
            LoadRun(runId);
            string full = ArtifactFullPath(runId, path);
            return File.Exists(full) || Directory.Exists(full) ? full : throw ArtifactNotFound(runId, path);
        });
    }

    private string ArtifactRoot(string runId) =>
        _artifactsRoot is null ? Path.Combine(RunFolder(runId), "artifacts") : Path.Combine(_artifactsRoot, StoreNames.ValidateRunId(runId));

    /// <summary>The file for a validated path, checked (again) to lie inside the run's artifact folder.</summary>
    private string ArtifactFullPath(string runId, string path)
    {
        string root = ArtifactRoot(runId);
        string full = Path.GetFullPath(Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar)));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw StoreException.Invalid("InvalidArtifactPath", $"Artifact path '{path}' leaves the run's artifact folder.", path);
        return full;
    }

    /// <summary>Files under an artifact directory: path relative to it ('/'-separated, ordinal order) → SHA-256 (or "" without hashing).</summary>
    private SortedDictionary<string, string> FileHashes(string runId, string directory, bool hash = true)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string folder = ArtifactFullPath(runId, directory);
        if (!Directory.Exists(folder))
            return files;
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (AtomicFile.IsTempFile(Path.GetFileName(file)))
                continue;
            string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            files[relative] = hash ? ArtifactDigest.HashFile(file) : "";
        }
        return files;
    }

    private SortedDictionary<string, string> NonEmptyFileHashes(string runId, string directory)
    {
        SortedDictionary<string, string> files = FileHashes(runId, directory);
        return files.Count > 0 ? files
            : throw StoreException.NotFound("ArtifactNotFound", $"Run '{runId}' has no files under artifact directory '{directory}'.", $"runs:/{runId}/{directory}");
    }

    private static StoreException ArtifactNotFound(string runId, string path) =>
        StoreException.NotFound("ArtifactNotFound", $"Run '{runId}' has no artifact '{path}'.", $"runs:/{runId}/{path}");
}
