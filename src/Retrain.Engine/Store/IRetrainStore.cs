using Retrain.Engine.Tracking;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// The tracking store and model registry behind one interface; the backend is chosen by <c>store.uri</c>
/// (<see cref="StoreFactory"/>). Every backend keeps the same contract (tests/Retrain.Engine.Tests/Store):
/// <list type="bullet">
/// <item>every mutation is atomic and serialized across processes; readers never see a half-made change;</item>
/// <item>at most one Production version per model at every instant a reader can see; a promotion or rollback
/// (new version to Production, previous one to Archived) is one all-or-nothing change;</item>
/// <item>versions are numbered 1, 2, 3… per model, without gaps or duplicates;</item>
/// <item>every registry change is an event recording who, where, when and why;</item>
/// <item>names from users never become paths outside the store (<see cref="StoreNames"/>);</item>
/// <item>a version's files are checked against their registered SHA-256 before they are handed out.</item>
/// </list>
/// Errors are <see cref="StoreException"/>s naming the model, version, run or name at fault.
/// Instances are safe to use from several threads.
/// </summary>
public interface IRetrainStore : IDisposable
{
    /// <summary>Where the store lives, for messages (a folder for the file store).</summary>
    string Location { get; }

    /// <summary>Raised for a problem the store worked around (e.g. a torn last log line it ignored and repaired).</summary>
    event Action<string>? Warning;

    // ---- tracking ----

    /// <summary>The experiment with this name, created on first use.</summary>
    Experiment GetOrCreateExperiment(string name);

    IReadOnlyList<Experiment> ListExperiments();

    /// <summary>Starts a run (status Running, now, this user and machine) in the named experiment, creating it if needed.</summary>
    Run StartRun(string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null);

    /// <summary>Logs parameters; a parameter is set once (the same value again is fine, a different one is an error).</summary>
    void LogParams(string runId, IReadOnlyDictionary<string, string> parameters);

    void LogMetrics(string runId, IEnumerable<MetricPoint> metrics);

    /// <summary>Sets (adds or overwrites) tags.</summary>
    void SetRunTags(string runId, IReadOnlyDictionary<string, string> tags);

    /// <summary>Ends the run with Finished, Failed or Killed and records the end time.</summary>
    Run EndRun(string runId, RunStatus status);

    Run GetRun(string runId);

    IReadOnlyList<Run> SearchRuns(RunQuery query);

    /// <summary>Every logged point of one metric, by step, then timestamp, then logging order.</summary>
    IReadOnlyList<MetricPoint> GetMetricHistory(string runId, string key);

    // ---- artifacts (paths relative to the run, '/'-separated) ----

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

    // ---- registry ----

    /// <summary>
    /// Registers the files under the run's <paramref name="artifactDirectory"/> as the next version of
    /// <paramref name="name"/> (creating the model), recording their digest. <paramref name="metrics"/> null takes
    /// the run's latest metrics.
    /// </summary>
    ModelVersion RegisterVersion(string name, string runId, string artifactDirectory, string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, double>? metrics = null, string? reason = null);

    IReadOnlyList<RegisteredModel> ListModels();

    /// <summary>Every version of the model, oldest first.</summary>
    IReadOnlyList<ModelVersion> ListVersions(string name);

    ModelVersion GetVersion(string name, int version);

    /// <summary>The highest version in that stage, or null; an unknown model is an ObjectNotFound error.</summary>
    ModelVersion? GetVersionByStage(string name, ModelStage stage);

    ModelVersion GetVersionByAlias(string name, string alias);

    /// <summary>
    /// Moves a version to a stage in one all-or-nothing change. With <paramref name="archiveExistingInStage"/>, the
    /// other versions in that stage move to Archived in the same change (a promotion or a rollback). Production
    /// holds at most one version: moving a version there while another is in Production without
    /// <paramref name="archiveExistingInStage"/> is an InvalidOperation error (ProductionOccupied).
    /// <paramref name="details"/> are recorded in the event (e.g. a deployment strategy).
    /// </summary>
    ModelVersion TransitionStage(string name, int version, ModelStage stage, bool archiveExistingInStage, string? reason,
        IReadOnlyDictionary<string, string>? details = null);

    /// <summary>Points the alias at the version, moving it if another version held it.</summary>
    ModelVersion SetAlias(string name, string alias, int version, string? reason);

    /// <summary>Removes the alias; an unknown alias is an ObjectNotFound error.</summary>
    void DeleteAlias(string name, string alias, string? reason);

    /// <summary>Changes the description (null keeps it), sets and removes tags.</summary>
    ModelVersion UpdateVersion(string name, int version, string? description, IReadOnlyDictionary<string, string>? setTags,
        IReadOnlyList<string>? removeTags, string? reason);

    /// <summary>The registry's change log, oldest first, optionally for one model.</summary>
    IReadOnlyList<RegistryEvent> GetEvents(string? modelName = null);

    /// <summary>
    /// Recomputes the version's artifact digest and returns a local folder holding its files; a digest that differs
    /// from <see cref="ModelVersion.ArtifactSha256"/> is a SecurityError (ArtifactTampered) naming the version and file.
    /// </summary>
    string MaterializeVersion(ModelVersion version);
}
