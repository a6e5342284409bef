using System.Diagnostics;
using System.Text;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The store's cross-process mutex: a lock file held open with <see cref="FileShare.None"/> (an exclusive
/// lock on Windows, flock on Unix; it also excludes other handles in the same process). Acquiring retries with
/// a short, growing, jittered backoff until a timeout that ends in a ResourceUnavailable error naming the file.
/// The holder writes its process id, machine and time into the file, for that message.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            if (TryAcquire(path, out FileLock? held, out Exception? failure))
                return held!;
            if (clock.Elapsed >= timeout)
                throw new StoreException("StoreLockTimeout", RetrainErrorKind.ResourceUnavailable,
                    $"Timed out after {timeout.TotalSeconds:0.###} s waiting for the store lock '{path}'{DescribeHolder(path)}. " +
                    "Another Retrain process is changing the store; try again, or if none is running, check the file's permissions.",
                    path, failure);
            Thread.Sleep(Random.Shared.Next(delayMs, 2 * delayMs + 1));
            delayMs = Math.Min(delayMs * 2, 50);
        }
    }

    /// <summary>One attempt, no waiting.</summary>
    public static FileLock? TryAcquire(string path) => TryAcquire(path, out FileLock? held, out _) ? held : null;

    private static bool TryAcquire(string path, out FileLock? held, out Exception? failure)
    {
        held = null;
        failure = null;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (Exception e) when (e is IOException and not DirectoryNotFoundException and not PathTooLongException)
        {
            failure = e;
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException("StoreLockDenied", RetrainErrorKind.SecurityError,
                $"Cannot open the store lock '{path}': {e.Message}", path, e);
        }

        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes($"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}"));
            stream.Flush();
        }
        catch (IOException)
        {
            // The note is only for messages; the lock is held either way.
        }
        held = new FileLock(stream);
        return true;
    }

    private static string DescribeHolder(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            string note = reader.ReadToEnd().Trim();
            return note.Length is > 0 and < 200 ? $" (held by {note})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public void Dispose() => _stream.Dispose();
}
