using System.Globalization;
using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Store.FileStore;

// Crash leftovers: runs whose process died while they were Running, temporary files, unregistered model copies.
//
// Each Running run has a marker running/<run-id> holding its owner, so finding runs of dead owners reads only the
// markers. The first change of each instance (under the lock) does the cheap part: marks the runs of dead owners
// Killed and removes the leftovers of those runs and the temporary files of the store folder, registry/ and running/
// (a few entries each; runs/ holds thousands, so a run removal cut short is left to the search everywhere); a marker stays
// while its killed run still holds leftovers too young to remove, so a later writer finishes the job.
// FindLeftovers/Repair (Repair-RetrainStore) look everywhere: every folder for temporary files, every run for copies.
public sealed partial class FileRetrainStore : IStoreRepair
{
    private bool _leftoversChecked;

    private string RunningFolder => Path.Combine(_root, "running");

    private string MarkerFile(string runId) => Path.Combine(RunningFolder, StoreNames.ValidateRunId(runId));

    private void WriteMarker(string runId, OwnerRecord owner) => WriteJson(MarkerFile(runId), owner);

    /// <summary>A marker that cannot be removed now is only a note for the next writer, which drops it once the run has ended.</summary>
    private void RemoveMarker(string runId) => AtomicFile.TryDelete(MarkerFile(runId));

    public IReadOnlyList<RepairAction> FindLeftovers() => Read(() => Find(everywhere: true, DateTimeOffset.UtcNow));

    public IReadOnlyList<RepairAction> Repair(IEnumerable<RepairAction> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        List<RepairAction> actions = found.OrderBy(a => a.Kind).ToList(); // a run is marked Killed before its copy is judged
        lock (_gate)
            _leftoversChecked = true; // this change is that check, item by item
        return Mutate(() =>
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var results = actions.Select(a => Apply(a, now)).ToList();
            TidyMarkers();
            return results;
        });
    }

    /// <summary>The next writer's part (the lock held, once per instance): never fails the change it precedes.</summary>
    private void CheckLeftoversOnce()
    {
        if (_leftoversChecked)
            return;
        _leftoversChecked = true;
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var done = Find(everywhere: false, now).Select(a => Apply(a, now)).Where(a => a.Done).ToList();
            TidyMarkers();
            if (done.Count > 0)
                Warn(Summary(done));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RetrainException)
        {
            Warn($"Could not check the store '{_root}' for runs left behind by ended processes: {e.Message}");
        }
    }

    private List<RepairAction> Find(bool everywhere, DateTimeOffset now)
    {
        var actions = new List<RepairAction>();
        var ownerGone = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        foreach (string marker in Markers())
        {
            string runId = Path.GetFileName(marker);
            if (TryReadJson<OwnerRecord>(marker) is not OwnerRecord owner || ProcessIdentity.Check(owner) != OwnerState.Gone
                || TryReadJson<RunRecord>(RunFile(runId)) is not RunRecord run)
                continue;
            ownerGone[runId] = run;
            if (run.Status == RunStatus.Running)
                actions.Add(KilledAction(runId, owner));
        }

        IEnumerable<FileSystemInfo> temps = everywhere
            ? StoreFolders().SelectMany(f => TempEntries(f, recurse: true))
            // Not runs/: listing thousands of run folders would cost every command's first write more than the rest of it.
            : StoreFolders().Concat(new[] { Path.Combine(_root, "registry"), RunningFolder }).SelectMany(f => TempEntries(f, recurse: false))
                .Concat(ownerGone.Keys.SelectMany(RunFolders).SelectMany(f => TempEntries(f, recurse: true)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (FileSystemInfo temp in temps)
        {
            if (seen.Add(temp.FullName) && Age(temp, now) is TimeSpan age && age >= IStoreRepair.MinimumAge)
                actions.Add(new RepairAction
                {
                    Kind = RepairKind.OrphanTempFile,
                    Target = temp.FullName,
                    RunId = RunIdOf(temp.FullName),
                    Path = temp.FullName,
                    Bytes = Size(temp),
                    Detail = $"a temporary {(temp is DirectoryInfo ? "folder" : "file")} no write finished, last changed {Ago(age)}",
                });
        }

        IEnumerable<RunRecord> runs = everywhere ? AllRuns(ownerGone) : ownerGone.Values;
        HashSet<string>? registered = null;
        foreach (RunRecord run in runs)
        {
            bool gone = ownerGone.ContainsKey(run.RunId);
            // A run whose marker was lost still names its owner: the search everywhere reads every run anyway.
            if (!gone && run is { Status: RunStatus.Running, Owner: OwnerRecord owner } && ProcessIdentity.Check(owner) == OwnerState.Gone)
            {
                gone = true;
                actions.Add(KilledAction(run.RunId, owner));
            }
            bool ended = run.Status is RunStatus.Failed or RunStatus.Killed || (run.Status == RunStatus.Running && gone);
            var copy = new DirectoryInfo(ModelCopy(run.RunId));
            if (!ended || !HoldsCopy(copy) || Age(copy, now) is not TimeSpan age || age < IStoreRepair.MinimumAge)
                continue;
            registered ??= RegisteredRuns();
            if (!registered.Contains(run.RunId))
                actions.Add(CopyAction(run.RunId, copy, $"the model folder of a {(run.Status == RunStatus.Running ? "killed" : run.Status.ToString().ToLowerInvariant())} run that no registered version names, last changed {Ago(age)}"));
        }
        return actions.OrderBy(a => a.Kind).ToList();
    }

    /// <summary>One found leftover, checked again under the lock and repaired if it still is one.</summary>
    private RepairAction Apply(RepairAction action, DateTimeOffset now)
    {
        try
        {
            return action.Kind switch
            {
                RepairKind.KilledRun => MarkKilled(action, now),
                RepairKind.OrphanTempFile => RemoveTemp(action, now),
                RepairKind.OrphanModelCopy => RemoveCopy(action, now),
                _ => Left(action, $"'{action.Kind}' is not a repair of this store"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RetrainException)
        {
            return Left(action, $"could not be repaired: {e.Message}");
        }
    }

    private RepairAction MarkKilled(RepairAction action, DateTimeOffset now)
    {
        string runId = StoreNames.ValidateRunId(action.RunId);
        if (TryReadJson<RunRecord>(RunFile(runId)) is not RunRecord run)
            return Left(action, "the run is gone");
        if (run.Status != RunStatus.Running)
            return Left(action, $"the run has ended since ({run.Status})");
        if ((TryReadJson<OwnerRecord>(MarkerFile(runId)) ?? run.Owner) is not OwnerRecord owner)
            return Left(action, "the run does not record which process runs it");
        OwnerState state = ProcessIdentity.Check(owner);
        if (state != OwnerState.Gone)
            return Left(action, state == OwnerState.Alive ? $"its process ({ProcessIdentity.Describe(owner)}) runs" : $"its process runs on another machine ({owner.Machine})");
        run.Status = RunStatus.Killed;
        run.EndTime = LastWrite(runId) ?? now;
        run.Tags[Run.ErrorMessageTag] =
            $"The process that ran it ({ProcessIdentity.Describe(owner)}) ended while the run was Running (killed, or its machine stopped); " +
            $"marked Killed on {now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC by {ProcessIdentity.Describe(ProcessIdentity.Current)}.";
        WriteJson(RunFile(runId), run);
        return action with { Done = true };
    }

    private RepairAction RemoveTemp(RepairAction action, DateTimeOffset now)
    {
        string path = Path.GetFullPath(action.Path);
        if (!AtomicFile.IsTempFile(Path.GetFileName(path)) || !StoreFolders().Any(f => path.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            return Left(action, "not a temporary file of this store");
        FileSystemInfo entry = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!entry.Exists)
            return Left(action, "already gone");
        if (Age(entry, now) is not TimeSpan age || age < IStoreRepair.MinimumAge)
            return Left(action, "written to since it was found");
        long bytes = Size(entry);
        if (entry is DirectoryInfo folder)
            folder.Delete(recursive: true);
        else
            entry.Delete();
        return action with { Done = true, Bytes = bytes };
    }

    private RepairAction RemoveCopy(RepairAction action, DateTimeOffset now)
    {
        string runId = StoreNames.ValidateRunId(action.RunId);
        if (TryReadJson<RunRecord>(RunFile(runId)) is not RunRecord run)
            return Left(action, "the run is gone");
        if (run.Status is not (RunStatus.Failed or RunStatus.Killed))
            return Left(action, $"the run is {run.Status}");
        if (RegisteredRuns().Contains(runId))
            return Left(action, "a registered version names it");
        var copy = new DirectoryInfo(ModelCopy(runId));
        if (!HoldsCopy(copy))
            return Left(action, "already gone");
        if (Age(copy, now) is not TimeSpan age || age < IStoreRepair.MinimumAge)
            return Left(action, "written to since it was found");
        long bytes = Size(copy);
        AtomicFile.DeleteFolder(copy.FullName);
        return action with { Done = true, Bytes = bytes };
    }

    /// <summary>Drops the markers of runs that are gone, or have ended and hold no leftovers (of any age) any more.</summary>
    private void TidyMarkers()
    {
        HashSet<string>? registered = null;
        foreach (string marker in Markers())
        {
            string runId = Path.GetFileName(marker);
            RunRecord? run = TryReadJson<RunRecord>(RunFile(runId));
            if (run is { Status: RunStatus.Running })
                continue;
            if (run is not null)
            {
                bool temps = RunFolders(runId).SelectMany(f => TempEntries(f, recurse: true)).Any();
                bool copy = run.Status is RunStatus.Failed or RunStatus.Killed && HoldsCopy(new DirectoryInfo(ModelCopy(runId)))
                    && !(registered ??= RegisteredRuns()).Contains(runId);
                if (temps || copy)
                    continue;
            }
            AtomicFile.TryDelete(marker);
        }
    }

    private static string Summary(List<RepairAction> done)
    {
        var killed = done.Where(a => a.Kind == RepairKind.KilledRun).Select(a => a.Target).ToList();
        var removed = done.Where(a => a.Kind != RepairKind.KilledRun).ToList();
        var parts = new List<string>();
        if (killed.Count > 0)
            parts.Add($"{killed.Count} run(s) left Running by a process that has ended were marked Killed ({string.Join(", ", killed.Take(5))}{(killed.Count > 5 ? ", …" : "")})");
        if (removed.Count > 0)
            parts.Add($"{removed.Count} leftover file(s) of killed runs were removed ({removed.Sum(a => a.Bytes) / 1048576.0:0.#} MB)");
        return string.Join("; ", parts) + ". Repair-RetrainStore -WhatIf shows any other leftovers.";
    }

    private static RepairAction Left(RepairAction action, string why) => action with { Done = false, Detail = $"{action.Detail}; left alone: {why}" };

    private RepairAction KilledAction(string runId, OwnerRecord owner) => new()
    {
        Kind = RepairKind.KilledRun,
        Target = $"runs:/{runId}",
        RunId = runId,
        Path = RunFile(runId),
        Detail = $"Running, and its process ({ProcessIdentity.Describe(owner)}) has ended",
    };

    private RepairAction CopyAction(string runId, DirectoryInfo copy, string detail) => new()
    {
        Kind = RepairKind.OrphanModelCopy,
        Target = $"runs:/{runId}/{StoreNames.ModelArtifactDirectory}",
        RunId = runId,
        Path = copy.FullName,
        Bytes = Size(copy),
        Detail = detail,
    };

    /// <summary>A model folder holds a copy once a file was published into it; temporary files alone are leftovers of their own.</summary>
    private static bool HoldsCopy(DirectoryInfo folder) =>
        folder.Exists && WithContents(folder).Any(e => e is FileInfo && !AtomicFile.IsTempFile(e.Name));

    private string ModelCopy(string runId) => ArtifactFullPath(runId, StoreNames.ModelArtifactDirectory);

    /// <summary>Runs any registration names (live or removed versions: a removed version's run keeps its files).</summary>
    private HashSet<string> RegisteredRuns() =>
        Registry().Models.SelectMany(m => m.Versions).Select(v => v.RunId).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The store folder and the separate artifact folder (store.artifacts), if any.</summary>
    private IEnumerable<string> StoreFolders() => _artifactsRoot is null || _artifactsRoot == _root ? new[] { _root } : new[] { _root, _artifactsRoot };

    /// <summary>A run's folder and, when artifacts are kept apart, its artifact folder.</summary>
    private IEnumerable<string> RunFolders(string runId) =>
        _artifactsRoot is null ? new[] { RunFolder(runId) } : new[] { RunFolder(runId), ArtifactRoot(runId) };

    private IEnumerable<string> Markers() =>
        Entries(RunningFolder).OfType<FileInfo>().Where(f => StoreNames.IsRunId(f.Name)).Select(f => f.FullName);

    /// <summary>Every run record, the ones already read standing in for their files.</summary>
    private IEnumerable<RunRecord> AllRuns(Dictionary<string, RunRecord> known)
    {
        foreach (FileSystemInfo folder in Entries(_runsPath))
        {
            if (folder is not DirectoryInfo || !StoreNames.IsRunId(folder.Name))
                continue;
            RunRecord? run = known.GetValueOrDefault(folder.Name) ?? TryReadJson<RunRecord>(RunFile(folder.Name));
            if (run is not null)
                yield return run;
        }
    }

    private string? RunIdOf(string path)
    {
        foreach (string root in new[] { _runsPath, _artifactsRoot }.OfType<string>())
        {
            string relative = Path.GetRelativePath(root, path);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (!relative.StartsWith("..", StringComparison.Ordinal) && StoreNames.IsRunId(first))
                return first;
        }
        return null;
    }

    /// <summary>When the run was last written to: the time its process was last seen working.</summary>
    private DateTimeOffset? LastWrite(string runId)
    {
        var times = new[] { RunFile(runId), Path.Combine(RunFolder(runId), "metrics.jsonl") }
            .Select(p => new FileInfo(p)).Where(f => f.Exists).Select(f => new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)).ToList();
        return times.Count > 0 ? times.Max() : null;
    }

    /// <summary>The store's temporary entries (<c>.retrain-tmp-*</c>) in a folder, and below it with <paramref name="recurse"/> (not inside them, not through links).</summary>
    private static IEnumerable<FileSystemInfo> TempEntries(string folder, bool recurse)
    {
        if (!recurse)
        {
            // Only the names that match are turned into objects: the runs folder may hold thousands of entries.
            foreach (FileSystemInfo entry in Entries(folder, StoreNames.TempPrefix + "*"))
                yield return entry;
            yield break;
        }
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            foreach (FileSystemInfo entry in Entries(pending.Pop()))
            {
                if (AtomicFile.IsTempFile(entry.Name))
                    yield return entry;
                else if (entry is DirectoryInfo && entry.LinkTarget is null)
                    pending.Push(entry.FullName);
            }
        }
    }

    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>A folder's entries; none when it does not exist (or vanished meanwhile).</summary>
    private static List<FileSystemInfo> Entries(string folder, string pattern = "*")
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFileSystemInfos(pattern, Everything).ToList();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return new List<FileSystemInfo>();
        }
    }

    /// <summary>
    /// How long since the file, or the newest file in the folder, was written (a folder without files: the folder);
    /// null when it vanished meanwhile. A folder's own time changes when a leftover inside it is removed: not a write.
    /// </summary>
    private static TimeSpan? Age(FileSystemInfo entry, DateTimeOffset now)
    {
        DateTime? newest = null;
        foreach (FileSystemInfo e in WithContents(entry).Where(e => e is FileInfo))
        {
            e.Refresh();
            if (e.Exists && (newest is null || e.LastWriteTimeUtc > newest))
                newest = e.LastWriteTimeUtc;
        }
        if (newest is null)
        {
            entry.Refresh();
            newest = entry.Exists ? entry.LastWriteTimeUtc : null;
        }
        return newest is DateTime t ? now - new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    private static long Size(FileSystemInfo entry) => WithContents(entry).OfType<FileInfo>().Sum(f => f.Exists ? f.Length : 0);

    private static IEnumerable<FileSystemInfo> WithContents(FileSystemInfo entry)
    {
        yield return entry;
        if (entry is not DirectoryInfo || entry.LinkTarget is not null)
            yield break;
        foreach (FileSystemInfo child in Entries(entry.FullName))
            foreach (FileSystemInfo e in WithContents(child))
                yield return e;
    }

    private static string Ago(TimeSpan age) => age.TotalDays >= 2 ? $"{age.TotalDays:0} days ago" : age.TotalHours >= 2 ? $"{age.TotalHours:0} hours ago" : $"{age.TotalMinutes:0} minutes ago";

    /// <summary>A record that is missing or cannot be read is no leftover to act on.</summary>
    private static T? TryReadJson<T>(string path) where T : class
    {
        try
        {
            return ReadJson<T>(path);
        }
        catch (StoreException)
        {
            return null;
        }
    }
}
