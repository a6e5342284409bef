namespace Retrain.Engine.Store.FileStore;

// Crash leftovers: runs whose process died while they were Running, temporary files, unregistered model copies.
public sealed partial class FileRetrainStore
{
    private string RunningFolder => Path.Combine(_root, "running");

    private string MarkerFile(string runId) => Path.Combine(RunningFolder, StoreNames.ValidateRunId(runId));

    private void WriteMarker(string runId, OwnerRecord owner) => WriteJson(MarkerFile(runId), owner);

    /// <summary>A marker that cannot be removed now is only a note for the next writer, which drops it once the run has ended.</summary>
    private void RemoveMarker(string runId) => AtomicFile.TryDelete(MarkerFile(runId));
}
