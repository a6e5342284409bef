using System.Security.Cryptography;
using System.Text;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// The digest of an artifact directory: SHA-256 (lowercase hex) over the ordinally sorted (UTF-8) lines
/// <c>relative/path:sha256-of-file\n</c> of every file under it, paths relative to the directory and '/'-separated.
/// Any changed, added, removed or renamed file changes it.
/// </summary>
public static class ArtifactDigest
{
    /// <summary>The directory digest of files given as relative path → file SHA-256.</summary>
    public static string Compute(IReadOnlyDictionary<string, string> fileHashes)
    {
        // Sort the lines, not the paths: "a-b:..." comes before "a:..." though "a" comes before "a-b".
        var lines = fileHashes.Select(f => $"{f.Key}:{f.Value}\n").OrderBy(line => line, StringComparer.Ordinal);
        return HashBytes(Encoding.UTF8.GetBytes(string.Concat(lines)));
    }

    public static string HashStream(Stream content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return HashStream(stream);
    }

    public static string HashBytes(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>
    /// The first file whose hash differs between what was registered and what is there now (changed, added or
    /// missing), or null when they agree.
    /// </summary>
    public static string? FirstDifference(IReadOnlyDictionary<string, string> registered, IReadOnlyDictionary<string, string> actual)
    {
        foreach (var path in registered.Keys.Union(actual.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            registered.TryGetValue(path, out string? before);
            actual.TryGetValue(path, out string? now);
            if (before != now)
                return path;
        }
        return null;
    }
}
