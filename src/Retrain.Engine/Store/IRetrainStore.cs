using Retrain.Engine.Tracking;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// The seams a backend implements (<see cref="ITrackingStore"/>, <see cref="IArtifactStore"/>,
/// <see cref="IModelRegistryStore"/>, <see cref="IPredictionLog"/>) behind one facade, plus the batch write that spans tracking and artifacts; the backend is chosen by <c>store.uri</c>
/// (<see cref="StoreFactory"/>). Every backend keeps the same contract (tests/Retrain.Engine.Tests/Store):
/// <list type="bullet">
/// <item>every mutation is atomic and serialized across processes; readers never see a half-made change;</item>
/// <item>at most one Production version per model at every instant a reader can see; a promotion or rollback
/// (new version to Production, previous one to Archived) is one all-or-nothing change;</item>
/// <item>versions are numbered 1, 2, 3… per model, without gaps or duplicates; a deleted version's number is never reused;</item>
/// <item>every registry change is an event recording who, where, when and why;</item>
/// <item>names from users never become paths outside the store (<see cref="StoreNames"/>);</item>
/// <item>a version's files are checked against their registered SHA-256 before they are handed out.</item>
/// </list>
/// Errors are <see cref="StoreException"/>s naming the model, version, run or name at fault.
/// Instances are safe to use from several threads.
/// </summary>
public interface IRetrainStore : ITrackingStore, IArtifactStore, IModelRegistryStore, IPredictionLog, IDisposable
{
    /// <summary>Where the store lives, for messages (a folder for the file store).</summary>
    string Location { get; }

    /// <summary>Raised for a problem the store worked around (e.g. a torn last log line it ignored and repaired).</summary>
    event Action<string>? Warning;

    /// <summary>
    /// Writes a run's params, metrics, tags and artifacts and, when <see cref="RunBatch.EndStatus"/> is set, ends it: one
    /// all-or-nothing change (one lock on the file store, one transaction on PostgreSQL). The same rules hold as for the
    /// single calls (a parameter is set once; tags overwrite). Returns the run as it is afterwards.
    /// </summary>
    Run LogBatch(string runId, RunBatch batch);

    /// <summary>
    /// Deletes a run with its params, metrics, tags and artifacts, in one change. A run whose artifacts back a registered
    /// version that is not deleted is refused (RunBacksModelVersion, <see cref="RegistryRules.CheckRunDeletable(string, IReadOnlyCollection{Registry.ModelVersion})"/>): the
    /// registry and tracking are checked together, so this spans both seams. Returns the run as it was.
    /// </summary>
    Run DeleteRun(string runId);
}
