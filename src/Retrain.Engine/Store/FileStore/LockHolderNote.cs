using System.Text.Json;
using System.Text.Json.Serialization;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The note of who holds the store lock, <c>store.lock.owner</c> beside <c>store.lock</c>, for the message of a writer
/// that gave up waiting. It cannot live in the lock file: on Unix .NET reads a file under a shared flock, which the
/// holder's exclusive flock refuses, so a waiter could never read it. The holder writes it right after taking the lock
/// and deletes it before letting go; a holder killed in between leaves it behind, which is why a waiter checks that
/// the process it names still runs (the same process, not a later one with its pid) before naming it.
/// </summary>
internal sealed record LockHolderNote(int Pid, string Machine, string? User, DateTimeOffset ProcessStart, long? ProcessStartTicks, DateTimeOffset Since)
{
    private const int MaxBytes = 4096;

    public static string PathFor(string lockPath) => lockPath + ".owner";

    [JsonIgnore]
    public OwnerRecord Holder => new() { Pid = Pid, Machine = Machine, ProcessStart = ProcessStart, StartTicks = ProcessStartTicks };

    /// <summary>Writes this process's note (the lock held). Not flushed to disk: after a power cut the lock is free anyway.</summary>
    public static void Write(string lockPath)
    {
        OwnerRecord self = ProcessIdentity.Current;
        var note = new LockHolderNote(self.Pid, self.Machine, Environment.UserName, self.ProcessStart ?? DateTimeOffset.UtcNow, self.StartTicks, DateTimeOffset.UtcNow);
        try
        {
            AtomicFile.WriteAllBytes(PathFor(lockPath), JsonSerializer.SerializeToUtf8Bytes(note, StoreJson.Document), flushToDisk: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The note is only for messages; the lock is held either way.
        }
    }

    /// <summary>Deletes the note (the lock still held, so it is never the next holder's).</summary>
    public static void Remove(string lockPath) => AtomicFile.TryDelete(PathFor(lockPath));

    /// <summary>The note, or null with why there is none.</summary>
    public static LockHolderNote? Read(string lockPath, out string problem)
    {
        string path = PathFor(lockPath);
        problem = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[MaxBytes];
            int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var note = JsonSerializer.Deserialize<LockHolderNote>(buffer.AsSpan(0, length), StoreJson.Document);
            if (note is { Pid: > 0, Machine.Length: > 0 })
                return note;
            problem = $"the holder note '{path}' names no process";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"there is no holder note '{path}'";
        }
        catch (JsonException)
        {
            problem = $"the holder note '{path}' is not a note";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"the holder note '{path}' cannot be read ({e.Message})";
        }
        return null;
    }

    /// <summary>What a writer that timed out says about the holder: who it is, or that nobody wrote a true note.</summary>
    public static string Describe(string lockPath)
    {
        string findIt = $"Find the process that has '{lockPath}' open (lsof or fuser on Unix) and end it if it hangs.";
        LockHolderNote? note = Read(lockPath, out string problem);
        if (note is null)
            return $"It is held by a process that wrote no note ({problem}): another program, or an older Retrain. {findIt}";
        string who = $"pid {note.Pid} on {note.Machine}{(note.User is null ? "" : $" (user {note.User})")} since {note.Since:u}";
        return ProcessIdentity.Check(note.Holder) switch
        {
            OwnerState.Alive =>
                $"It is held by {who}, which is still running: wait for it to finish and try again, or raise store.lock_timeout_seconds; end that process if it hangs.",
            OwnerState.Unknown =>
                $"Its holder note '{PathFor(lockPath)}' names {who}, another machine, whose processes cannot be checked from here " +
                "(a file store shared between machines is not safe; use one machine per store).",
            _ =>
                $"It is held by a process that wrote no note: the holder note '{PathFor(lockPath)}' is stale, it names {who}, which is no longer running. {findIt}",
        };
    }
}
