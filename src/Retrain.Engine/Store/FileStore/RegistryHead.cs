using System.Text.Json;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// <c>registry/head.json</c>: how many events the log held after the last append, where they end and the chain hash
/// there, rewritten atomically by the writer after each append. A log with fewer events (cut, emptied) or a different
/// hash at that point (the last line edited) is damage, not a torn line to repair. The log may run ahead of it by the
/// events of a writer stopped between its append and this write; the next writer brings it up to date.
/// </summary>
internal sealed record RegistryHead
{
    public long Sequence { get; init; }
    public long Offset { get; init; }
    public string Hash { get; init; } = "";

    public static RegistryHead? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            RegistryHead? head = JsonSerializer.Deserialize<RegistryHead>(bytes, StoreJson.Line);
            if (head is null || head.Sequence < 0 || head.Offset < 0 || head.Hash.Length != 64)
                throw new JsonException("sequence, offset and hash are required");
            return head;
        }
        catch (JsonException e)
        {
            throw new StoreException("StoreCorrupt", RetrainErrorKind.InvalidData,
                $"The store file '{path}' is damaged: not a registry head ({e.Message}). It records where the event log ends; " +
                "restore it from a backup, or delete it to trust the log as it is.", path, e);
        }
    }

    public void Write(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, StoreJson.Line));
}
