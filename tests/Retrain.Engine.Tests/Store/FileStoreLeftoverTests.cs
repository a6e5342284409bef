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
}
