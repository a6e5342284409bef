using System.Security.Cryptography;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The hash chain of <c>registry/events.jsonl</c>: the SHA-256 of every byte of the log before a point. Each line
/// written by this Retrain carries it as <c>previous_hash</c> (the hash of all that precedes the line), so an edit,
/// removal, insertion or reordering of any earlier byte changes what the next line should carry and is caught there;
/// <c>head.json</c> carries it for the end of the log, so a change to the last line or a cut is caught too. One
/// streaming hash over the file checks the whole prefix without parsing it. The chain has no key: it catches
/// accidents and edits of the past, not a well-formed line appended by someone who can write the folder.
/// </summary>
internal sealed class RegistryChain : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>How many bytes of the log the hash covers.</summary>
    public long Offset { get; private set; }

    /// <summary>The hash of the bytes so far, lowercase hex (for 0 bytes, the SHA-256 of nothing).</summary>
    public string Current => Convert.ToHexString(_hash.GetCurrentHash()).ToLowerInvariant();

    /// <summary>Adds one complete line and its '\n'.</summary>
    public void Feed(ReadOnlySpan<byte> line)
    {
        _hash.AppendData(line);
        _hash.AppendData("\n"u8);
        Offset += line.Length + 1;
    }

    /// <summary>The chain over the first <paramref name="length"/> bytes of a file, or null when the file is shorter.</summary>
    public static RegistryChain? OfPrefix(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length < length)
            return null;
        var chain = new RegistryChain();
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                chain.Dispose();
                return null;
            }
            chain._hash.AppendData(buffer, 0, read);
            left -= read;
        }
        chain.Offset = length;
        return chain;
    }

    public void Dispose() => _hash.Dispose();
}
