using System.Diagnostics;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The store's cross-process mutex: a lock file held open with <see cref="FileShare.None"/> (an exclusive
/// lock on Windows, flock on Unix; it also excludes other handles in the same process). Acquiring retries with
/// a short, growing, jittered backoff only while another handle holds the lock, until a timeout that ends in a
/// ResourceUnavailable error naming the holder (<see cref="LockHolderNote"/>). Any other failure (a read-only
/// store, no permission) is thrown at once as the IOException or UnauthorizedAccessException it is: waiting
/// would not change it, and the store turns it into its error.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;
    private bool _released;

    private FileLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            if (TryAcquire(path, out IOException? busy) is FileLock held)
                return held;
            if (clock.Elapsed >= timeout)
                throw new StoreException("StoreLockTimeout", RetrainErrorKind.ResourceUnavailable,
                    $"Timed out after {timeout.TotalSeconds:0.###} s waiting for the store lock '{path}'. {LockHolderNote.Describe(path)}",
                    path, busy);
            Thread.Sleep(Random.Shared.Next(delayMs, 2 * delayMs + 1));
            delayMs = Math.Min(delayMs * 2, 50);
        }
    }

    /// <summary>One attempt, no waiting: null when another handle holds the lock.</summary>
    public static FileLock? TryAcquire(string path) => TryAcquire(path, out _);

    private static FileLock? TryAcquire(string path, out IOException? busy)
    {
        busy = null;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (FileFailure.Classify(e) == FileFailureKind.LockBusy)
        {
            busy = e;
            return null;
        }
        LockHolderNote.Write(path);
        return new FileLock(stream, path);
    }

    public void Dispose()
    {
        // Twice would delete the next holder's note.
        if (_released)
            return;
        _released = true;
        LockHolderNote.Remove(_path);
        _stream.Dispose();
    }
}
