namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// A copy of the file store for a what-if run: every file but the locks, their notes, the running-run owners and
/// temporary files, copied under the store lock so no change is half in it; artifacts kept apart (store.artifacts)
/// are copied beside it.
/// </summary>
public sealed partial class FileRetrainStore : IStoreCopy
{
    public IRetrainStore CopyTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string target = Path.GetFullPath(folder);
        string storeCopy = Path.Combine(target, "store");
        string? artifactsCopy = _artifactsRoot is null ? null : Path.Combine(target, "artifacts");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                Directory.CreateDirectory(storeCopy);
                if (Directory.Exists(_root))
                {
                    using (FileLock.Acquire(_lockPath, LockTimeout))
                    {
                        CopyFolder(_root, storeCopy, top: true);
                        if (_artifactsRoot is not null && Directory.Exists(_artifactsRoot))
                            CopyFolder(_artifactsRoot, artifactsCopy!, top: false);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw IoFailure(e, "copy");
            }
        }
        return new FileRetrainStore(storeCopy, artifactsCopy) { LockTimeout = LockTimeout };
    }

    private static void CopyFolder(string from, string to, bool top)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith(".retrain-tmp-", StringComparison.Ordinal) || (top && name.StartsWith("store.lock", StringComparison.Ordinal)))
                continue;
            File.Copy(file, Path.Combine(to, name));
        }
        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (top && name is "pipeline" or "running")
                continue;
            CopyFolder(dir, Path.Combine(to, name), top: false);
        }
    }
}
