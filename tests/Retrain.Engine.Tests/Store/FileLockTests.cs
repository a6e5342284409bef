using System.Diagnostics;
using System.Text.Json;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>
/// The store lock waits only for a holder, and says who that is: the errno sorting, the holder note, the timeout
/// message and its configuration. A read-only mount needs a mount namespace: Hardening.Lock.Tests.ps1 does that.
/// </summary>
public sealed class FileLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-lock-tests", Guid.NewGuid().ToString("N"));

    public FileLockTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    private string LockPath => Path.Combine(_folder, "store.lock");

    private string NotePath => LockPath + ".owner";

    [Fact]
    public void A_lock_held_by_another_handle_is_the_only_failure_worth_waiting_for()
    {
        using var holder = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var busy = Assert.ThrowsAny<IOException>(() => new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        Assert.Equal(FileFailureKind.LockBusy, FileFailure.Classify(busy));
    }

    [Theory]
    [InlineData(30, "ReadOnly")]    // EROFS
    [InlineData(13, "AccessDenied")] // EACCES
    [InlineData(1, "AccessDenied")]  // EPERM
    [InlineData(28, "Other")]        // ENOSPC
    [InlineData(5, "Other")]         // EIO
    public void Unix_errors_are_sorted_by_errno(int errno, string expected)
    {
        if (OperatingSystem.IsWindows())
            return; // errno values are Unix's
        Assert.Equal(expected, FileFailure.Classify(new IOException("x", errno)).ToString());
    }

    [Fact]
    public void Unauthorized_access_is_access_denied() =>
        Assert.Equal(FileFailureKind.AccessDenied, FileFailure.Classify(new UnauthorizedAccessException()));

    [Fact]
    public void The_holder_writes_a_note_naming_itself_and_deletes_it_on_release()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (FileLock? held = FileLock.TryAcquire(LockPath))
        {
            Assert.NotNull(held);
            using JsonDocument note = JsonDocument.Parse(File.ReadAllText(NotePath));
            JsonElement root = note.RootElement;
            Assert.Equal(Environment.ProcessId, root.GetProperty("pid").GetInt32());
            Assert.Equal(Environment.MachineName, root.GetProperty("machine").GetString());
            Assert.InRange(root.GetProperty("since").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.Equal(Process.GetCurrentProcess().StartTime.ToUniversalTime(), root.GetProperty("process_start").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
            Assert.Null(FileLock.TryAcquire(LockPath));
        }
        Assert.False(File.Exists(NotePath));
        Assert.Equal(new[] { "store.lock" }, Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_timeout_names_the_running_holder_from_its_note()
    {
        using FileLock? held = FileLock.TryAcquire(LockPath);
        var clock = Stopwatch.StartNew();
        var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => FileLock.Acquire(LockPath, TimeSpan.FromMilliseconds(200)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        Assert.Contains($"held by pid {Environment.ProcessId} on {Environment.MachineName}", e.Message);
        Assert.Contains("still running", e.Message);
        Assert.DoesNotContain("stale", e.Message);
    }

    [Fact]
    public void A_note_whose_pid_now_belongs_to_a_later_process_is_stale()
    {
        // Our own pid with another start: what a reused pid looks like.
        OwnerRecord self = ProcessIdentity.Current;
        WriteNote(self.Pid, self.ProcessStart!.Value.AddMinutes(-5), self.StartTicks - 30000);
        using var holder = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => FileLock.Acquire(LockPath, TimeSpan.Zero));
        Assert.Contains("held by a process that wrote no note", e.Message);
        Assert.Contains($"'{NotePath}' is stale", e.Message);
        Assert.Contains($"pid {self.Pid}", e.Message);
        Assert.Contains("no longer running", e.Message);
    }

    [Fact]
    public void A_note_of_a_process_that_ended_is_stale_and_does_not_stop_a_writer()
    {
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ended.WaitForExit();
        WriteNote(ended.Id, DateTimeOffset.UtcNow.AddSeconds(-1), 1);

        using (var holder = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => FileLock.Acquire(LockPath, TimeSpan.Zero));
            Assert.Contains($"is stale, it names pid {ended.Id}", e.Message);
        }
        using (FileLock held = FileLock.Acquire(LockPath, TimeSpan.Zero))
            Assert.Contains($"\"pid\": {Environment.ProcessId}", File.ReadAllText(NotePath));
    }

    [Fact]
    public void A_holder_without_a_note_is_said_to_have_written_none()
    {
        using var holder = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => FileLock.Acquire(LockPath, TimeSpan.Zero));
        Assert.Contains($"there is no holder note '{NotePath}'", e.Message);
        Assert.DoesNotContain("pid", e.Message);
    }

    [Fact]
    public void A_note_from_another_machine_is_named_but_not_judged()
    {
        WriteNote(4242, DateTimeOffset.UtcNow, null, machine: "elsewhere");
        using var holder = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => FileLock.Acquire(LockPath, TimeSpan.Zero));
        Assert.Contains("names pid 4242 on elsewhere", e.Message);
        Assert.Contains("cannot be checked", e.Message);
    }

    [Fact]
    public void The_configured_timeout_reaches_the_store()
    {
        RetrainOptions options = ConfigurationLoader.Parse($"store:\n  uri: file:{_folder}\n  lock_timeout_seconds: 0.25\n", "test.yaml");
        using var store = (FileRetrainStore)StoreFactory.Open(options.Store, _folder);
        Assert.Equal(TimeSpan.FromSeconds(0.25), store.LockTimeout);
        Assert.Equal(30, ConfigurationLoader.Defaults().Store.LockTimeoutSeconds);

        using var holder = new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var clock = Stopwatch.StartNew();
        Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => store.StartRun("training"));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(5));
    }

    private void WriteNote(int pid, DateTimeOffset started, long? startTicks, string? machine = null) =>
        File.WriteAllText(NotePath, JsonSerializer.Serialize(new
        {
            pid,
            machine = machine ?? Environment.MachineName,
            user = "someone",
            process_start = started,
            process_start_ticks = startTicks,
            since = started.AddSeconds(1),
        }));
}
