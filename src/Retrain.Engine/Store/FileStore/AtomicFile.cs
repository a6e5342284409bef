using System.Security.Cryptography;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// Whole-file writes that readers see either before or after, never half-done: the content goes to a temporary
/// file in the same folder, is flushed to disk, then renamed over the target in one step.
/// Readers open files with <see cref="FileShare.Delete"/> so the rename can replace a file they hold (Windows).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; <paramref name="flushToDisk"/> false for a file that need
    /// not survive a power cut, only never be seen half-written.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool flushToDisk = true)
    {
        string temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk);
            }
            Replace(temp, path);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Copies <paramref name="content"/> into a new temporary file beside <paramref name="path"/>, flushed to disk; returns its SHA-256.</summary>
    public static string CopyToTemp(Stream content, string path, out string temp)
    {
        temp = TempPathFor(path);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                stream.Write(buffer, 0, read);
            }
            stream.Flush(flushToDisk: true);
            return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Renames a flushed temporary file over the target (retrying briefly: on Windows a scanner may hold it).</summary>
    public static void Replace(string temp, string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (Exception e) when (attempt < 10 && e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(attempt * 5);
            }
        }
    }

    /// <summary>
    /// Removes a folder so no reader sees it half-deleted: one rename to a temporary name beside it (atomic), then the
    /// recursive delete; a failed delete leaves only a temporary folder, which every reader skips.
    /// </summary>
    public static void DeleteFolder(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        string doomed = TempPathFor(folder);
        Directory.Move(folder, doomed);
        try
        {
            Directory.Delete(doomed, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already invisible; it costs only disk space until someone deletes it.
        }
    }

    public static bool IsTempFile(string fileName) => fileName.StartsWith(StoreNames.TempPrefix, StringComparison.Ordinal);

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: every reader skips them.
        }
    }

    private static string TempPathFor(string path)
    {
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{StoreNames.TempPrefix}{Guid.NewGuid():N}");
    }
}
