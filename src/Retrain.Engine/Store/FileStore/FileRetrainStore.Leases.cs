using System.Security.Cryptography;
using System.Text;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The pipeline lease of the file store: <c>&lt;folder&gt;/pipeline/&lt;key&gt;.lock</c> (key: a hash of the model name, as
/// for the prediction log, so a name never becomes a path), held open with <see cref="FileShare.None"/> like the store
/// lock (<see cref="FileLock"/>, one attempt) for the whole run, with the holder's note beside it. It is a separate file
/// from store.lock: the run's own changes take that lock briefly, many times, while the lease is held.
/// </summary>
public sealed partial class FileRetrainStore : IPipelineLeases
{
    public IDisposable? TryAcquirePipelineLease(string modelName, out PipelineLeaseHolder? holder)
    {
        StoreNames.ValidateModelName(modelName);
        holder = null;
        string path = PipelineLeasePath(modelName);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (FileLock.TryAcquire(path) is { } lease)
                return lease;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw IoFailure(e, "take the pipeline lease of");
        }
        LockHolderNote? note = LockHolderNote.Read(path, out _);
        holder = note is null ? new PipelineLeaseHolder()
            : new PipelineLeaseHolder { Machine = note.Machine, Pid = note.Pid, User = note.User, Since = note.Since };
        return null;
    }

    internal string PipelineLeasePath(string modelName) => Path.Combine(_root, "pipeline",
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(modelName)))[..32].ToLowerInvariant() + ".lock");
}
