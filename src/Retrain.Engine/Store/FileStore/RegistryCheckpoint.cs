using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// <c>registry/checkpoint.json</c>: the folded registry after event <see cref="Sequence"/>, so that opening a store
/// folds only the events after it instead of the whole log. It is derived data, written atomically by a writer every
/// <see cref="Interval"/> events, and trusted only while the log before <see cref="Offset"/> still hashes to
/// <see cref="Hash"/>. The writer that replaces it first folds the whole log again and requires the same registry,
/// so a checkpoint edited by hand is caught then; a damaged or unknown one is ignored and the log folded from the start.
/// <para>
/// Layout: a first line with the position in the log, each model's aliases and one letter per version for its stage
/// (what finding a version needs), and the offsets of the lines after it, one per version with the rest of it. Opening
/// parses the first line only; a version's own line is parsed when it is asked for, so a read of one version out of
/// 10,000 does not parse the other 9,999.
/// </para>
/// </summary>
internal sealed class RegistryCheckpoint
{
    /// <summary>Events between checkpoints: opening folds at most this many after one.</summary>
    public const int Interval = 100;

    /// <summary>
    /// Format 3 holds deployment roles; it is written only while a role is held, so a store without one stays readable
    /// from its checkpoint by a module that knows format 2 (a format-2 reader ignores a format-3 checkpoint and folds the
    /// log, where it meets the role's event and names the store as newer, instead of losing the role).
    /// </summary>
    public const int CurrentFormat = 3;

    private const int FormatWithoutRoles = 2;

    public int Format { get; set; } = CurrentFormat;
    public long Sequence { get; set; }
    /// <summary>Where event <see cref="Sequence"/> ends in the log, and where it starts (the reader's cursor).</summary>
    public long Offset { get; set; }
    public long LastLineStart { get; set; }
    /// <summary>The chain hash of the log's first <see cref="Offset"/> bytes.</summary>
    public string Hash { get; set; } = "";
    public List<CheckpointModel> Models { get; set; } = new();
    /// <summary>Little-endian int32 lengths of the version lines after the first line (with their '\n'), in order, base64.</summary>
    public string VersionLines { get; set; } = "";

    [JsonIgnore]
    private string _path = "";
    [JsonIgnore]
    private byte[] _file = Array.Empty<byte>();
    [JsonIgnore]
    private long[] _starts = Array.Empty<long>();

    /// <summary>The checkpoint, or null when there is none or it cannot be used (damaged, another format): then the log is folded from the start.</summary>
    public static RegistryCheckpoint? Read(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            int newline = Array.IndexOf(file, (byte)'\n');
            if (newline < 0)
                return null;
            RegistryCheckpoint? checkpoint = JsonSerializer.Deserialize<RegistryCheckpoint>(file.AsSpan(0, newline), StoreJson.Line);
            if (checkpoint is not { Format: FormatWithoutRoles or CurrentFormat, Sequence: > 0, Hash.Length: 64 } || checkpoint.Offset <= checkpoint.LastLineStart)
                return null;
            byte[] lengths = Convert.FromBase64String(checkpoint.VersionLines);
            if (checkpoint.Models.Any(m => m.Stages.Any(c => "NSPAnspa".IndexOf(c) < 0)))
                return null;
            int count = checkpoint.Models.Sum(m => m.Stages.Length);
            if (lengths.Length != 4 * count)
                return null;
            var starts = new long[count + 1];
            starts[0] = newline + 1;
            for (int i = 0; i < count; i++)
                starts[i + 1] = starts[i] + BitConverter.ToInt32(lengths, 4 * i);
            if (starts[count] != file.Length)
                return null;
            checkpoint._path = path;
            checkpoint._file = file;
            checkpoint._starts = starts;
            return checkpoint;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The registry it holds; each version's details are parsed when first used.</summary>
    public RegistryState ToState()
    {
        var models = new List<ModelState>(Models.Count);
        int index = 0;
        foreach (CheckpointModel m in Models)
        {
            var model = new ModelState(m.Name, m.CreatedAt);
            foreach (var (alias, version) in m.Aliases)
                model.Aliases[alias] = version;
            foreach (var (role, held) in m.Roles ?? new())
                model.Roles[role] = new RoleState(held.Version, held.TrafficPercent, held.Sequence, held.Since);
            for (int i = 0; i < m.Stages.Length; i++)
            {
                (ModelStage stage, bool deleted) = StageOf(m.Stages[i]);
                int line = index++;
                model.Versions.Add(VersionState.Deferred(i + 1, stage, deleted, () => ParseVersion(line)));
            }
            models.Add(model);
        }
        return RegistryState.FromModels(Sequence, models);
    }

    private VersionDetails ParseVersion(int line)
    {
        var bytes = _file.AsSpan((int)_starts[line], (int)(_starts[line + 1] - _starts[line] - 1));
        try
        {
            return JsonSerializer.Deserialize<VersionDetails>(bytes, StoreJson.Line) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw FileRetrainStore.Corrupt(_path, $"line {line + 2} is not a version ({e.Message}); delete the file and the next writer rebuilds it from the log", e);
        }
    }

    /// <summary>The registry's part of a checkpoint (models, stages, version lines), the same bytes for equal registries.</summary>
    public static (List<CheckpointModel> Models, string VersionLines, byte[] Lines) Encode(RegistryState state)
    {
        var models = new List<CheckpointModel>();
        var lines = new MemoryStream();
        var lengths = new MemoryStream();
        foreach (ModelState m in state.Models.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var stages = new StringBuilder(m.Versions.Count);
            foreach (VersionState v in m.Versions)
            {
                stages.Append(LetterOf(v.Stage, v.Deleted));
                byte[] line = JsonSerializer.SerializeToUtf8Bytes(v.Details.Sorted(), StoreJson.Line);
                lines.Write(line);
                lines.WriteByte((byte)'\n');
                lengths.Write(BitConverter.GetBytes(line.Length + 1));
            }
            models.Add(new CheckpointModel
            {
                Name = m.Name,
                CreatedAt = m.CreatedAt,
                Aliases = new SortedDictionary<string, int>(m.Aliases, StringComparer.Ordinal),
                Roles = m.Roles.Count == 0 ? null : new SortedDictionary<string, CheckpointRole>(
                    m.Roles.ToDictionary(r => r.Key, r => new CheckpointRole { Version = r.Value.Version, TrafficPercent = r.Value.TrafficPercent, Sequence = r.Value.Sequence, Since = r.Value.Since }),
                    StringComparer.Ordinal),
                Stages = stages.ToString(),
            });
        }
        return (models, Convert.ToBase64String(lengths.ToArray()), lines.ToArray());
    }

    /// <summary>A whole checkpoint file for <paramref name="state"/> at a point of the log.</summary>
    public static byte[] Serialize(RegistryState state, long offset, long lastLineStart, string hash)
    {
        var (models, versionLines, lines) = Encode(state);
        var header = new RegistryCheckpoint
        {
            Format = models.Any(m => m.Roles is not null) ? CurrentFormat : FormatWithoutRoles,
            Sequence = state.LastSequence,
            Offset = offset,
            LastLineStart = lastLineStart,
            Hash = hash,
            Models = models,
            VersionLines = versionLines,
        };
        var file = new MemoryStream();
        file.Write(JsonSerializer.SerializeToUtf8Bytes(header, StoreJson.Line));
        file.WriteByte((byte)'\n');
        file.Write(lines);
        return file.ToArray();
    }

    private static char LetterOf(ModelStage stage, bool deleted)
    {
        char letter = stage switch
        {
            ModelStage.None => 'N',
            ModelStage.Staging => 'S',
            ModelStage.Production => 'P',
            ModelStage.Archived => 'A',
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
        };
        return deleted ? char.ToLowerInvariant(letter) : letter;
    }

    private static (ModelStage, bool Deleted) StageOf(char letter) => char.ToUpperInvariant(letter) switch
    {
        'N' => (ModelStage.None, char.IsLower(letter)),
        'S' => (ModelStage.Staging, char.IsLower(letter)),
        'P' => (ModelStage.Production, char.IsLower(letter)),
        'A' => (ModelStage.Archived, char.IsLower(letter)),
        _ => throw new FormatException($"'{letter}' is not a stage letter"),
    };
}

/// <summary>One model in a checkpoint's first line: its aliases and, per version in order, a stage letter (lowercase: removed).</summary>
internal sealed class CheckpointModel
{
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public SortedDictionary<string, int> Aliases { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Held roles (format 3); absent when none is held.</summary>
    public SortedDictionary<string, CheckpointRole>? Roles { get; set; }
    public string Stages { get; set; } = "";
}

/// <summary>A held role in a checkpoint (<see cref="RoleState"/>).</summary>
internal sealed class CheckpointRole
{
    public int Version { get; set; }
    public int? TrafficPercent { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset Since { get; set; }
}
