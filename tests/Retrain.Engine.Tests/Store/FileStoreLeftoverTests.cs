using System.Diagnostics;
using System.Text.Json;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tracking;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>
/// What a killed process leaves in a file store and how the store finds it: each run records its owner and keeps a
/// <c>running/&lt;run-id&gt;</c> marker while Running; the next writer marks runs of dead owners Killed.
/// </summary>
public sealed class FileStoreLeftoverTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-leftover-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (Process child in _children)
        {
            if (!child.HasExited)
                Kill(child);
            child.Dispose();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private FileRetrainStore Open() => new(_folder);

    private string Marker(string runId) => Path.Combine(_folder, "running", runId);

    private JsonElement RunJson(string runId) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "runs", runId, "run.json"))).RootElement;

    private readonly List<Process> _children = new();

    /// <summary>A real process of this machine (sleep), to own runs; killed and reaped with <see cref="Kill"/>.</summary>
    private Process Child()
    {
        Process child = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        _children.Add(child);
        return child;
    }

    private static void Kill(Process child)
    {
        child.Kill();
        child.WaitForExit();
    }

    /// <summary>Makes a run (started here) look as if <paramref name="owner"/> had started it: its record and marker name that process.</summary>
    private void OwnBy(string runId, OwnerRecord owner, bool marker = true)
    {
        string file = Path.Combine(_folder, "runs", runId, "run.json");
        RunRecord run = JsonSerializer.Deserialize<RunRecord>(File.ReadAllBytes(file), StoreJson.Document)!;
        run.Owner = owner;
        File.WriteAllBytes(file, JsonSerializer.SerializeToUtf8Bytes(run, StoreJson.Document));
        if (marker)
            File.WriteAllBytes(Marker(runId), JsonSerializer.SerializeToUtf8Bytes(owner, StoreJson.Document));
        else
            File.Delete(Marker(runId));
    }

    /// <summary>Sets the last-write time of a file, or of a folder and everything in it, to <paramref name="age"/> ago.</summary>
    private static void MakeOld(string path, TimeSpan age)
    {
        DateTime when = DateTime.UtcNow - age;
        if (File.Exists(path))
        {
            File.SetLastWriteTimeUtc(path, when);
            return;
        }
        foreach (string entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories))
        {
            if (File.Exists(entry))
                File.SetLastWriteTimeUtc(entry, when);
            else
                Directory.SetLastWriteTimeUtc(entry, when);
        }
        Directory.SetLastWriteTimeUtc(path, when);
    }

    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    /// <summary>Every file and folder of the store with its length and last-write time: equal when nothing changed.</summary>
    private string[] Snapshot() => Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories)
        .Select(p => $"{p} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p):O} {(File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "")}")
        .Order(StringComparer.Ordinal).ToArray();

    private Run RunWithCopy(FileRetrainStore store, string experiment = "automated_retraining")
    {
        Run run = store.StartRun(experiment);
        store.LogArtifact(run.RunId, "model/model.zip", Text("weights"));
        store.LogArtifact(run.RunId, "model/manifest.json", Text("{}"));
        return run;
    }

    [Fact]
    public void A_run_records_its_owner_and_keeps_a_marker_only_while_it_is_running()
    {
        using FileRetrainStore store = Open();
        Run run = store.StartRun("training");

        JsonElement owner = RunJson(run.RunId).GetProperty("owner");
        Assert.Equal(Environment.ProcessId, owner.GetProperty("pid").GetInt32());
        Assert.Equal(Environment.MachineName, owner.GetProperty("machine").GetString());
        Assert.True(owner.TryGetProperty("process_start", out _));
        if (OperatingSystem.IsLinux())
        {
            string stat = File.ReadAllText("/proc/self/stat");
            long ticks = long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]);
            Assert.Equal(ticks, owner.GetProperty("start_ticks").GetInt64());
        }
        Assert.Equal(owner.GetRawText().Replace(" ", "").Replace("\n", ""), File.ReadAllText(Marker(run.RunId)).Replace(" ", "").Replace("\n", ""));

        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, DateTimeOffset.UtcNow) });
        Assert.True(File.Exists(Marker(run.RunId)), "a run that logs is still running");
        store.EndRun(run.RunId, RunStatus.Finished);
        Assert.False(File.Exists(Marker(run.RunId)));
    }

    [Fact]
    public void Every_way_a_run_ends_removes_its_marker()
    {
        using FileRetrainStore store = Open();
        Assert.Throws<InvalidOperationException>(() => TrackedRun.Execute<int>(store, "training", null, null, _ => throw new InvalidOperationException("boom")));
        Assert.Throws<OperationCanceledException>(() => TrackedRun.Execute<int>(store, "training", null, null, _ => throw new OperationCanceledException()));
        TrackedRun.Execute(store, "training", null, null, _ => 1);
        Run deleted = store.StartRun("training");
        store.DeleteRun(deleted.RunId);

        Assert.Equal(new[] { RunStatus.Finished, RunStatus.Failed, RunStatus.Killed },
            store.SearchRuns(new RunQuery()).Select(r => r.Status).Order());
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "running")));
    }

    [Fact]
    public void The_next_writer_marks_runs_of_ended_owners_Killed_and_leaves_live_and_other_machines_owners_alone()
    {
        Process live = Child(), dead = Child();
        using (FileRetrainStore setup = Open())
        {
            string[] ids = Enumerable.Range(0, 5).Select(_ => setup.StartRun("training").RunId).ToArray();
            OwnBy(ids[0], ProcessIdentity.Of(live.Id));
            OwnBy(ids[1], ProcessIdentity.Of(dead.Id));
            OwnerRecord self = ProcessIdentity.Current;
            // The pid of a live process, but another start: the pid was reused after the owner ended.
            OwnBy(ids[2], self with { StartTicks = self.StartTicks - 1, ProcessStart = self.ProcessStart?.AddMinutes(-5) });
            OwnBy(ids[3], ProcessIdentity.Of(dead.Id) with { Machine = "another-machine" });
            // ids[4] is this process's own run, still going.
            Kill(dead);
            MakeOld(Path.Combine(_folder, "runs", ids[1], "run.json"), TimeSpan.FromMinutes(30));

            using FileRetrainStore reader = Open();
            Assert.All(ids, id => Assert.Equal(RunStatus.Running, reader.GetRun(id).Status)); // reads change nothing

            using FileRetrainStore writer = Open();
            var warnings = new List<string>();
            writer.Warning += warnings.Add;
            writer.LogMetrics(ids[4], new[] { new MetricPoint("mae", 1, 0, DateTimeOffset.UtcNow) });

            Assert.Equal(new[] { RunStatus.Running, RunStatus.Killed, RunStatus.Killed, RunStatus.Running, RunStatus.Running },
                ids.Select(id => writer.GetRun(id).Status));
            Run killed = writer.GetRun(ids[1]);
            Assert.Contains($"pid {dead.Id} on {Environment.MachineName}", killed.ErrorMessage);
            Assert.InRange(killed.EndTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-31), DateTimeOffset.UtcNow.AddMinutes(-29)); // when it was last seen working
            Assert.Contains(warnings, w => w.Contains("2 run(s)") && w.Contains("marked Killed") && w.Contains(ids[1]));
            Assert.Equal(new[] { ids[0], ids[3], ids[4] }.Order(), Directory.GetFiles(Path.Combine(_folder, "running")).Select(Path.GetFileName).Order());

            // Once per open: the same instance does not look again; the next one does.
            Kill(live);
            writer.LogMetrics(ids[4], new[] { new MetricPoint("mae", 2, 1, DateTimeOffset.UtcNow) });
            Assert.Equal(RunStatus.Running, writer.GetRun(ids[0]).Status);
            using FileRetrainStore next = Open();
            next.StartRun("training");
            Assert.Equal(RunStatus.Killed, next.GetRun(ids[0]).Status);
            Assert.Equal(RunStatus.Running, next.GetRun(ids[3]).Status);
        }
    }

    [Fact]
    public void The_next_writer_reads_only_the_markers_and_the_search_everywhere_reads_every_run()
    {
        Process dead = Child();
        using FileRetrainStore store = Open();
        Run lost = store.StartRun("training");
        OwnBy(lost.RunId, ProcessIdentity.Of(dead.Id), marker: false);
        Kill(dead);

        using (FileRetrainStore writer = Open())
            writer.StartRun("training");
        Assert.Equal(RunStatus.Running, Open().GetRun(lost.RunId).Status);

        using FileRetrainStore repair = Open();
        RepairAction found = Assert.Single(repair.FindLeftovers());
        Assert.Equal((RepairKind.KilledRun, $"runs:/{lost.RunId}", false), (found.Kind, found.Target, found.Done));
        Assert.True(Assert.Single(repair.Repair(new[] { found })).Done);
        Assert.Equal(RunStatus.Killed, repair.GetRun(lost.RunId).Status);
    }

    [Fact]
    public void Leftovers_older_than_an_hour_are_found_without_changing_anything_and_repaired_on_demand()
    {
        Process dead = Child();
        using FileRetrainStore store = Open();
        Run killed = RunWithCopy(store);                                   // killed between copying and registering
        Run failed = RunWithCopy(store);
        store.EndRun(failed.RunId, RunStatus.Failed);                      // failed after copying
        Run young = RunWithCopy(store);
        store.EndRun(young.RunId, RunStatus.Killed);                       // an unregistered copy, but recent
        Run registered = RunWithCopy(store);
        store.RegisterVersion("pm", registered.RunId, "model");
        store.EndRun(registered.RunId, RunStatus.Failed);                  // failed after registering: its version needs the files
        Run removedVersion = RunWithCopy(store);
        store.RegisterVersion("pm", removedVersion.RunId, "model");
        store.DeleteVersion("pm", 2, "test");
        store.EndRun(removedVersion.RunId, RunStatus.Killed);              // a removed version's run keeps its files
        Run finished = RunWithCopy(store, "scratch");
        store.EndRun(finished.RunId, RunStatus.Finished);                  // a user's own run: never a leftover
        OwnBy(killed.RunId, ProcessIdentity.Of(dead.Id));
        Kill(dead);

        string runs = Path.Combine(_folder, "runs");
        string oldTemp = Path.Combine(runs, killed.RunId, "artifacts", "model", ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(oldTemp, new byte[1000]);
        string newTemp = Path.Combine(_folder, ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(newTemp, "a write in progress");
        string oldFolder = Path.Combine(runs, ".retrain-tmp-" + Guid.NewGuid().ToString("N"));   // a removal cut short
        Directory.CreateDirectory(Path.Combine(oldFolder, "artifacts"));
        File.WriteAllBytes(Path.Combine(oldFolder, "artifacts", "model.zip"), new byte[500]);
        foreach (Run r in new[] { killed, failed, registered, removedVersion, finished })
            MakeOld(Path.Combine(runs, r.RunId, "artifacts"), TwoHours);
        MakeOld(oldFolder, TwoHours);
        MakeOld(oldTemp, TwoHours);

        string[] before = Snapshot();
        using FileRetrainStore repair = Open();
        var found = repair.FindLeftovers();
        Assert.Equal(before, Snapshot());
        Assert.Equal(new[]
        {
            (RepairKind.KilledRun, $"runs:/{killed.RunId}"),
            (RepairKind.OrphanTempFile, oldFolder),
            (RepairKind.OrphanTempFile, oldTemp),
            (RepairKind.OrphanModelCopy, $"runs:/{failed.RunId}/model"),
            (RepairKind.OrphanModelCopy, $"runs:/{killed.RunId}/model"),
        }.Order(), found.Select(a => (a.Kind, a.Target)).Order());
        Assert.All(found, a => Assert.False(a.Done));
        Assert.Equal(1000, found.Single(a => a.Target == oldTemp).Bytes);
        Assert.Equal(500, found.Single(a => a.Target == oldFolder).Bytes);
        Assert.Equal(7 + 2, found.Single(a => a.Target == $"runs:/{failed.RunId}/model").Bytes);

        var done = repair.Repair(found);
        Assert.All(done, a => Assert.True(a.Done, a.Detail));
        Assert.Equal(RunStatus.Killed, repair.GetRun(killed.RunId).Status);
        Assert.False(File.Exists(oldTemp));
        Assert.False(Directory.Exists(oldFolder));
        Assert.Empty(repair.ListArtifacts(failed.RunId));
        Assert.Empty(repair.ListArtifacts(killed.RunId));
        Assert.True(File.Exists(newTemp));
        Assert.NotEmpty(repair.ListArtifacts(young.RunId));
        Assert.Equal("weights", ReadText(repair.OpenArtifact(registered.RunId, "model/model.zip")));
        Assert.NotEmpty(repair.ListArtifacts(removedVersion.RunId));
        Assert.NotEmpty(repair.ListArtifacts(finished.RunId));
        Assert.Single(repair.ReadVersionFiles(repair.GetVersion("pm", 1)).Files.Keys, "manifest.json");
        Assert.Empty(Open().FindLeftovers());
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "running")));
    }

    [Fact]
    public void Repair_checks_each_found_leftover_again_under_the_lock()
    {
        Process dead = Child();
        using FileRetrainStore store = Open();
        Run run = store.StartRun("training");
        OwnBy(run.RunId, ProcessIdentity.Of(dead.Id));
        Kill(dead);
        string temp = Path.Combine(_folder, ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(temp, "x");
        MakeOld(temp, TwoHours);
        string outside = Path.Combine(Path.GetTempPath(), ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, "not the store's");
        MakeOld(outside, TwoHours);
        try
        {
            using FileRetrainStore repair = Open();
            var found = repair.FindLeftovers();
            Assert.Equal(2, found.Count);
            store.EndRun(run.RunId, RunStatus.Finished);   // the run ended after all (its owner was someone else)
            File.AppendAllText(temp, "y");                 // and the file is being written again
            RepairAction forged = found[1] with { Path = outside, Target = outside };

            var done = repair.Repair(found.Append(forged));
            Assert.All(done, a => Assert.False(a.Done));
            Assert.Contains("ended since (Finished)", done[0].Detail);
            Assert.Contains("written to since it was found", done[1].Detail);
            Assert.Contains("not a temporary file of this store", done[2].Detail);
            Assert.Equal(RunStatus.Finished, repair.GetRun(run.RunId).Status);
            Assert.True(File.Exists(temp));
            Assert.True(File.Exists(outside));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void A_killed_runs_marker_stays_until_its_leftovers_are_old_enough_for_the_next_writer_to_remove()
    {
        Process dead = Child();
        using FileRetrainStore store = Open();
        Run run = RunWithCopy(store);
        OwnBy(run.RunId, ProcessIdentity.Of(dead.Id));
        Kill(dead);
        string temp = Path.Combine(_folder, "runs", run.RunId, "artifacts", "model", ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(temp, "half a copy");

        using (FileRetrainStore writer = Open())
            writer.StartRun("training");
        Assert.Equal(RunStatus.Killed, Open().GetRun(run.RunId).Status);
        Assert.True(File.Exists(Marker(run.RunId)), "its leftovers are younger than an hour");
        Assert.True(File.Exists(temp));

        MakeOld(Path.Combine(_folder, "runs", run.RunId, "artifacts"), TwoHours);
        using (FileRetrainStore writer = Open())
        {
            var warnings = new List<string>();
            writer.Warning += warnings.Add;
            writer.StartRun("training");
            Assert.Contains(warnings, w => w.Contains("2 leftover file(s) of killed runs were removed"));
        }
        Assert.False(File.Exists(temp));
        Assert.Empty(Open().ListArtifacts(run.RunId));
        Assert.False(File.Exists(Marker(run.RunId)));
    }

    [Fact]
    public void A_model_folder_holding_only_temporary_files_is_no_copy_and_its_files_are_removed_as_temporary_files()
    {
        using FileRetrainStore store = Open();
        Run run = store.StartRun("automated_retraining");
        store.EndRun(run.RunId, RunStatus.Killed);                       // killed while copying: nothing was published
        string model = Path.Combine(_folder, "runs", run.RunId, "artifacts", "model");
        Directory.CreateDirectory(model);
        string temp = Path.Combine(model, ".retrain-tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(temp, new byte[300]);
        MakeOld(model, TwoHours);

        using FileRetrainStore repair = Open();
        RepairAction found = Assert.Single(repair.FindLeftovers());
        Assert.Equal((RepairKind.OrphanTempFile, temp, run.RunId, 300L), (found.Kind, found.Target, found.RunId, found.Bytes));
        Assert.True(Assert.Single(repair.Repair(new[] { found })).Done);
        Assert.False(File.Exists(temp));
        Assert.Empty(repair.FindLeftovers());
    }
}
