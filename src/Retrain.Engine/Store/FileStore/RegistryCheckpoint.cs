using System.Text.Json;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// <c>registry/checkpoint.json</c>: the folded registry after event <see cref="Sequence"/>, so that opening a store
/// folds only the events after it instead of the whole log. It is derived data, written atomically by a writer every
/// <see cref="Interval"/> events, and trusted only while the log before <see cref="Offset"/> still hashes to
/// <see cref="Hash"/>. The writer that replaces it first folds the whole log again and requires the same registry,
/// so a checkpoint edited by hand is caught then; a damaged or unknown one is ignored and the log folded from the start.
/// </summary>
internal sealed class RegistryCheckpoint
{
    /// <summary>Events between checkpoints: opening folds at most this many after one.</summary>
    public const int Interval = 100;

    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;
    public long Sequence { get; set; }
    /// <summary>Where event <see cref="Sequence"/> ends in the log, and where it starts (the reader's cursor).</summary>
    public long Offset { get; set; }
    public long LastLineStart { get; set; }
    /// <summary>The chain hash of the log's first <see cref="Offset"/> bytes.</summary>
    public string Hash { get; set; } = "";
    public List<CheckpointModel> Models { get; set; } = new();

    /// <summary>The checkpoint, or null when there is none or it cannot be used (damaged, another format): then the log is folded from the start.</summary>
    public static RegistryCheckpoint? Read(string path)
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
            RegistryCheckpoint? checkpoint = JsonSerializer.Deserialize<RegistryCheckpoint>(bytes, StoreJson.Line);
            return checkpoint is { Format: CurrentFormat, Sequence: > 0, Hash.Length: 64 } && checkpoint.Offset > checkpoint.LastLineStart ? checkpoint : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Serialize(RegistryCheckpoint checkpoint) => JsonSerializer.SerializeToUtf8Bytes(checkpoint, StoreJson.Line);
}

/// <summary>One model in a checkpoint; dictionaries sorted so that equal registries serialize to equal bytes.</summary>
internal sealed class CheckpointModel
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public SortedDictionary<string, int> Aliases { get; set; } = new(StringComparer.Ordinal);
    public List<CheckpointVersion> Versions { get; set; } = new();
}

internal sealed class CheckpointVersion
{
    public int Version { get; set; }
    public ModelStage Stage { get; set; }
    public string Source { get; set; } = "";
    public string? RunId { get; set; }
    public string? ArtifactDirectory { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Description { get; set; }
    public SortedDictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);
    public string ArtifactSha256 { get; set; } = "";
    public SortedDictionary<string, string> Files { get; set; } = new(StringComparer.Ordinal);
    public bool Deleted { get; set; }
}
