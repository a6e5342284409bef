using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// A registered version's files as read from the store, in memory, after their SHA-256 matched the registry: what is
/// loaded or exported is exactly these bytes, so a file swapped in the store after the check cannot be served.
/// </summary>
public sealed class VerifiedFiles
{
    /// <summary>Enough for any model this engine trains; a version holding more is refused (ModelTooLarge) rather than read.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    public VerifiedFiles(ModelVersion version, IReadOnlyDictionary<string, byte[]> files)
    {
        Version = version;
        Files = files;
    }

    public ModelVersion Version { get; }

    /// <summary>Path relative to the version's artifact directory ('/'-separated, ordinal order) → content.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Reads one file of at most <paramref name="remaining"/> bytes in one pass (its length checked before and while reading).</summary>
    public static byte[] ReadBounded(string path, ref long remaining, string target)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length > remaining)
            throw TooLarge(target, remaining);
        var buffer = new MemoryStream((int)stream.Length);
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > remaining)
                throw TooLarge(target, remaining);
            buffer.Write(chunk, 0, n);
        }
        remaining -= buffer.Length;
        return buffer.ToArray();
    }

    private static StoreException TooLarge(string target, long limit) =>
        new("ModelTooLarge", RetrainErrorKind.InvalidData,
            $"The files of {target} are larger than the {limit} bytes a model may hold in memory; it was not loaded.", target);
}
