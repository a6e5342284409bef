using System.Text.Json;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The embedded store (<c>store.uri: file:&lt;folder&gt;</c>): tracking and registry in one folder.
/// <code>
/// &lt;folder&gt;/store.lock                      cross-process lock, held (FileShare.None) during every mutation
/// &lt;folder&gt;/store.lock.owner                who holds it (pid, machine, since), while it is held
/// &lt;folder&gt;/experiments.json                experiments [{id, name, created_at}], rewritten atomically
/// &lt;folder&gt;/runs/&lt;run-id&gt;/run.json           a run's metadata, params and tags, rewritten atomically
/// &lt;folder&gt;/runs/&lt;run-id&gt;/metrics.jsonl      its metric points, append-only, one JSON object per line
/// &lt;folder&gt;/runs/&lt;run-id&gt;/artifacts/&lt;path&gt;   its files (or &lt;store.artifacts&gt;/&lt;run-id&gt;/&lt;path&gt;)
/// &lt;folder&gt;/registry/events.jsonl         the registry's append-only event log: the source of truth
/// &lt;folder&gt;/registry/head.json             where the log ended after the last append, with its chain hash
/// &lt;folder&gt;/registry/checkpoint.json       the folded registry every 100 events, so opening folds only the rest
/// &lt;folder&gt;/running/&lt;run-id&gt;             a Running run's owner (pid, machine, start), removed when it ends: the
///                                      only files the check for runs left behind by a dead process reads
/// &lt;folder&gt;/predictions/&lt;key&gt;/&lt;yyyy-MM&gt;.jsonl  a model's prediction log (key: a hash of its name), a segment
///                                      per month of logging, append-only, one JSON object per prediction
/// </code>
/// Only generated run ids (32 hex digits) and validated artifact paths ever become paths; model names, aliases,
/// experiment names and keys live only inside JSON. Whole-file writes go through <see cref="AtomicFile"/> (temp
/// file, flush to disk, rename). The registry is the fold (<see cref="RegistryState"/>) of events.jsonl, each line
/// one complete change, so a promotion is all-or-nothing: its line is on disk with its '\n' or it is not. Each
/// instance caches the fold and reads only lines appended since (checking the last line it saw is still there).
/// A torn last line (a writer killed mid-append) is ignored with a <see cref="Warning"/> and cut off under the lock.
/// Temporary files start with <c>.retrain-tmp-</c> and are skipped by every reader.
/// </summary>
public sealed partial class FileRetrainStore : IRetrainStore
{
    private readonly object _gate = new();
    private readonly string _root;
    private readonly string? _artifactsRoot;
    private readonly string _lockPath;
    private readonly string _experimentsPath;
    private readonly string _runsPath;
    private readonly JsonLinesLog _events;
    private readonly List<string> _pendingWarnings = new();
    private readonly string _headPath;
    private readonly string _checkpointPath;
    private RegistryReplay? _replay;
    /// <summary>A checkpoint the log no longer matched: the replay from the start must reach its point with its hash.</summary>
    private RegistryReplay.Anchor? _checkpointAnchor;
    private bool _lockHeld;
    private bool _disposed;

    /// <param name="folder">The store folder (created on first write).</param>
    /// <param name="artifactsFolder">Where run artifacts go instead of <c>runs/&lt;id&gt;/artifacts</c> (<c>store.artifacts</c>).</param>
    public FileRetrainStore(string folder, string? artifactsFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _root = Path.GetFullPath(folder);
        _artifactsRoot = artifactsFolder is null ? null : Path.GetFullPath(artifactsFolder);
        _lockPath = Path.Combine(_root, "store.lock");
        _experimentsPath = Path.Combine(_root, "experiments.json");
        _runsPath = Path.Combine(_root, "runs");
        _events = new JsonLinesLog(Path.Combine(_root, "registry", "events.jsonl"));
        _headPath = Path.Combine(_root, "registry", "head.json");
        _checkpointPath = Path.Combine(_root, "registry", "checkpoint.json");
    }

    public string Location => _root;

    /// <summary>The lock file every mutation holds.</summary>
    public string LockPath => _lockPath;

    /// <summary>The registry's event log.</summary>
    public string EventLogPath => _events.Path;

    /// <summary>How long a mutation waits for another process's lock before failing (ResourceUnavailable).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public event Action<string>? Warning;

    public void Dispose()
    {
        lock (_gate)
            _disposed = true;
    }

    /// <summary>Runs a read under the instance's gate (no file lock), then raises any warnings it queued.</summary>
    private T Read<T>(Func<T> read)
    {
        T result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                result = read();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw IoFailure(e, "read");
            }
        }
        RaiseWarnings();
        return result;
    }

    /// <summary>Runs a change under the cross-process lock, then raises any warnings it queued.</summary>
    private T Mutate<T>(Func<T> change)
    {
        T result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                Directory.CreateDirectory(_root);
                using (FileLock.Acquire(_lockPath, LockTimeout))
                {
                    _lockHeld = true;
                    try
                    {
                        CheckLeftoversOnce();
                        result = change();
                    }
                    finally
                    {
                        _lockHeld = false;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw IoFailure(e, "change");
            }
        }
        RaiseWarnings();
        return result;
    }

    private void Mutate(Action change) => Mutate(() =>
    {
        change();
        return true;
    });

    private void Warn(string message)
    {
        lock (_gate)
            _pendingWarnings.Add(message);
    }

    private void RaiseWarnings()
    {
        string[] warnings;
        lock (_gate)
        {
            if (_pendingWarnings.Count == 0)
                return;
            warnings = _pendingWarnings.ToArray();
            _pendingWarnings.Clear();
        }
        foreach (string warning in warnings)
            Warning?.Invoke(warning);
    }

    /// <summary>
    /// A log ended in a line without '\n'. Under the lock it is torn for sure: cut it off and warn. Without the lock,
    /// try to take it once: if another process holds it, that writer is mid-append and its line is simply not there yet.
    /// </summary>
    private void HandleTornTail(JsonLinesLog log)
    {
        try
        {
            if (_lockHeld)
            {
                ReportRepair(log, log.RepairTornTail());
                return;
            }
            if (!File.Exists(_lockPath))
                return;
            using FileLock? held = FileLock.TryAcquire(_lockPath);
            if (held is not null)
                ReportRepair(log, log.RepairTornTail());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"The last line of '{log.Path}' is incomplete and was ignored; it could not be cut off: {e.Message}");
        }
    }

    private void ReportRepair(JsonLinesLog log, long bytesCut)
    {
        if (bytesCut > 0)
            Warn($"The last line of '{log.Path}' was incomplete ({bytesCut} bytes, left by a process stopped while writing); it was ignored and cut off.");
    }

    private void AppendLines(JsonLinesLog log, IEnumerable<byte[]> lines) => ReportRepair(log, log.Append(lines));

    /// <summary>
    /// The one place a file system failure becomes a store error naming the store: a read-only store and one this user
    /// may not change say so and what to do; anything else (disk full, a file where a folder belongs) is StoreIoError.
    /// </summary>
    private StoreException IoFailure(Exception e, string what) => FileFailure.Classify(e) switch
    {
        FileFailureKind.ReadOnly => new("StoreReadOnly", RetrainErrorKind.SecurityError,
            $"Cannot {what} the store '{_root}': it is on a read-only file system ({e.Message}). Reading it still works; " +
            "to change it, mount it read-write, or point store.uri (or RETRAIN_STORE_URI) at a writable folder.", _root, e),
        FileFailureKind.AccessDenied => new("StoreAccessDenied", RetrainErrorKind.SecurityError,
            $"Cannot {what} the store '{_root}': user '{User}' lacks the permission ({e.Message}). Give that user access to the " +
            "folder (write access for commands that change it), run as its owner, or point store.uri (or RETRAIN_STORE_URI) at a folder it can write.",
            _root, e),
        _ => new("StoreIoError", RetrainErrorKind.ResourceUnavailable, $"Cannot {what} the store '{_root}': {e.Message}", _root, e),
    };

    internal static StoreException Corrupt(string path, string detail, Exception? inner = null) =>
        new("StoreCorrupt", RetrainErrorKind.InvalidData, $"The store file '{path}' is damaged: {detail}", path, inner);

    private static T? ReadJson<T>(string path) where T : class
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, StoreJson.Document) ?? throw Corrupt(path, "it holds null");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"not valid JSON ({e.Message})", e);
        }
    }

    private static void WriteJson<T>(string path, T value) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(value, StoreJson.Document));

    private static T ParseLine<T>(JsonLinesLog log, long lineNumber, byte[] line) where T : class => ParseLine<T>(log.Path, lineNumber, line);

    internal static T ParseLine<T>(string path, long lineNumber, byte[] line) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, StoreJson.Line) ?? throw Corrupt(path, $"line {lineNumber} holds null");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"line {lineNumber} is not valid JSON ({e.Message})", e);
        }
    }

    private static string User => Environment.UserName;

    private static string Machine => Environment.MachineName;
}
