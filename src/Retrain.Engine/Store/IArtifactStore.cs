namespace Retrain.Engine.Store;

/// <summary>The artifact seam: the files of a run, streamed in and out; paths relative to the run, '/'-separated (MLflow's artifact repository).</summary>
public interface IArtifactStore
{
    /// <summary>Stores (or replaces) one file of the run; the content is read to its end.</summary>
    void LogArtifact(string runId, string artifactPath, Stream content);

    Stream OpenArtifact(string runId, string artifactPath);

    /// <summary>Every file of the run (relative paths, ordinal order), optionally only those under a directory prefix.</summary>
    IReadOnlyList<string> ListArtifacts(string runId, string? prefix = null);

    /// <summary>The <see cref="ArtifactDigest"/> of the files under <paramref name="directory"/>; no files → ObjectNotFound.</summary>
    string ArtifactDirectoryDigest(string runId, string directory);

    /// <summary>
    /// A local path of a run's artifact file or directory (for <c>runs:/</c> URIs). It is not checked against any
    /// digest: only registered versions have one.
    /// </summary>
    string MaterializeRunArtifact(string runId, string artifactPath);
}
