using System.Text;
using System.Text.Json;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

/// <summary>
/// The contract run against the file store in a fresh temporary folder, plus what only a file store has:
/// torn log lines, the lock file, temporary files, the layout on disk.
/// </summary>
public sealed class FileStoreContractTests : StoreContractTests
{
    private readonly string _sandbox = Path.Combine(Path.GetTempPath(), "retrain-store-tests", Guid.NewGuid().ToString("N"));

    public FileStoreContractTests() => Directory.CreateDirectory(_sandbox);

    private string Folder => Path.Combine(_sandbox, "store");

    protected override IRetrainStore OpenInstance() => new FileRetrainStore(Folder);

    private FileRetrainStore FileStore => (FileRetrainStore)Store;

    public override void Dispose()
    {
        base.Dispose();
        try
        {
            Directory.Delete(_sandbox, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    private (IRetrainStore Store, List<string> Warnings) OpenWatched()
    {
        IRetrainStore store = OpenStore();
        var warnings = new List<string>();
        store.Warning += warnings.Add;
        return (store, warnings);
    }

    private static void CutOff(string path, int bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(stream.Length - bytes);
    }

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n');

    /// <summary>What a writer killed while appending leaves: its line without the last bytes, the head not yet moved past it.</summary>
    private void KillDuringAppend(Action change, int bytesMissing)
    {
        string head = Path.Combine(Folder, "registry", "head.json");
        byte[]? before = File.Exists(head) ? File.ReadAllBytes(head) : null;
        change();
        if (before is null)
            File.Delete(head);
        else
            File.WriteAllBytes(head, before);
        CutOff(FileStore.EventLogPath, bytesMissing);
    }

    [Fact]
    public void A_torn_last_event_line_is_ignored_with_a_warning_and_cut_off_before_the_next_append()
    {
        Register(Store);
        string log = FileStore.EventLogPath;
        KillDuringAppend(() => Register(Store), 9); // the second registration was being written when the process died

        var (store, warnings) = OpenWatched();
        Assert.Equal(new[] { 1 }, store.ListVersions("pm").Select(v => v.Version));
        Assert.Contains(warnings, w => w.Contains("events.jsonl") && w.Contains("incomplete"));

        ModelVersion next = Register(store);
        Assert.Equal(2, next.Version);
        string[] lines = Lines(log);
        Assert.Equal("", lines[^1]); // ends with '\n'
        Assert.Equal(new long[] { 1, 2 }, lines[..^1].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
        Assert.Equal(new long[] { 1, 2 }, OpenStore().GetEvents().Select(e => e.Sequence));
    }

    [Fact]
    public void A_torn_line_met_first_by_a_writer_is_repaired_not_glued_to_the_new_line()
    {
        Register(Store);
        KillDuringAppend(() => Store.TransitionStage("pm", 1, ModelStage.Production, true, "live"), 1); // only the newline is missing: the change never committed

        var (store, warnings) = OpenWatched();
        store.SetAlias("pm", "champion", 1, null);
        Assert.Single(warnings);
        var events = OpenStore().GetEvents();
        Assert.Equal(new[] { RegistryActions.RegisterVersion, RegistryActions.SetAlias }, events.Select(e => e.Action));
        Assert.Equal(ModelStage.None, store.GetVersion("pm", 1).Stage);
        Assert.Equal(3, Lines(FileStore.EventLogPath).Length);
    }

    [Fact]
    public void A_committed_event_cut_back_is_corruption_for_a_cached_instance_and_a_new_one_and_nothing_is_repaired()
    {
        Register(Store);
        Register(Store);
        Assert.Equal(2, Store.ListModels().Single().LatestVersion);
        CutOff(FileStore.EventLogPath, 5); // the head recorded the second event: this is a cut, not a torn write
        long length = new FileInfo(FileStore.EventLogPath).Length;
        var cached = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => Store.ListModels());
        Assert.Contains("events 2–2 were removed", cached.Message);
        var fresh = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => Register(OpenStore()));
        Assert.Contains("head.json", fresh.Message);
        Assert.Equal(length, new FileInfo(FileStore.EventLogPath).Length);
    }

    [Fact]
    public void A_torn_metric_line_is_ignored_with_a_warning()
    {
        Run run = Store.StartRun("training");
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, default), new MetricPoint("mae", 2, 1, default) });
        CutOff(Path.Combine(Folder, "runs", run.RunId, "metrics.jsonl"), 4);

        var (store, warnings) = OpenWatched();
        Assert.Equal(1, store.GetRun(run.RunId).Metrics["mae"]);
        Assert.Single(warnings);
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 3, 2, default) });
        Assert.Equal(new[] { 1.0, 3.0 }, store.GetMetricHistory(run.RunId, "mae").Select(p => p.Value));
    }

    /// <summary>Every line of the file ends in '\n' and is one JSON object (the text after the last '\n' is empty).</summary>
    private static JsonElement[] ParseEveryLine(string path)
    {
        string[] lines = Lines(path);
        Assert.Equal("", lines[^1]);
        return lines[..^1].Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
    }

    /// <summary>The start of a metric line of <paramref name="bytes"/> bytes without its '\n', as a crash mid-write leaves it.</summary>
    private static void AppendTorn(string path, int bytes)
    {
        string start = "{\"key\":\"";
        File.AppendAllText(path, start + new string('x', bytes - start.Length));
    }

    private static double[] MetricValues(string path) => ParseEveryLine(path).Select(e => e.GetProperty("value").GetDouble()).ToArray();

    [Fact]
    public void A_torn_metric_line_is_cut_off_by_the_append_itself_without_any_read_first()
    {
        // The other torn-line tests read first, and the read repairs the file: this one goes straight to the append,
        // so only Append's own repair stands between the torn line and the next one being glued to it.
        Run run = Store.StartRun("training");
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, default), new MetricPoint("mae", 2, 1, default) });
        string metrics = Path.Combine(Folder, "runs", run.RunId, "metrics.jsonl");
        CutOff(metrics, 4);

        var (store, warnings) = OpenWatched();
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 3, 2, default) });

        Assert.Equal(new[] { 1.0, 3.0 }, MetricValues(metrics));
        Assert.Contains(warnings, w => w.Contains("metrics.jsonl") && w.Contains("incomplete"));
    }

    [Fact]
    public void A_torn_first_line_is_cut_off_entirely_before_the_append()
    {
        // A crash during the very first write: the file holds part of one line and no '\n' at all.
        Run run = Store.StartRun("training");
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, default) });
        string metrics = Path.Combine(Folder, "runs", run.RunId, "metrics.jsonl");
        CutOff(metrics, 4);
        Assert.DoesNotContain((byte)'\n', File.ReadAllBytes(metrics));

        var (store, warnings) = OpenWatched();
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 2, 1, default) });

        Assert.Equal(new[] { 2.0 }, MetricValues(metrics));
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData(1)]      // the torn line is a little over 4 KiB: its start is in the second chunk of the backward scan
    [InlineData(3)]      // three chunks back
    public void A_torn_tail_longer_than_one_scan_chunk_is_cut_off_whole(int kib4)
    {
        Run run = Store.StartRun("training");
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 1, 0, default) });
        string metrics = Path.Combine(Folder, "runs", run.RunId, "metrics.jsonl");
        // A long line torn by a crash (metric keys are short, so it is written by hand): more than kib4 × 4096 bytes after the last '\n'.
        AppendTorn(metrics, kib4 * 4096 + 100);

        var (store, warnings) = OpenWatched();
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 3, 2, default) });

        Assert.Equal(new[] { 1.0, 3.0 }, MetricValues(metrics));
        Assert.Single(warnings);
    }

    [Fact]
    public void A_torn_first_line_longer_than_one_scan_chunk_is_cut_off_entirely()
    {
        Run run = Store.StartRun("training");
        string metrics = Path.Combine(Folder, "runs", run.RunId, "metrics.jsonl");
        AppendTorn(metrics, 2 * 4096 + 100);
        Assert.DoesNotContain((byte)'\n', File.ReadAllBytes(metrics));

        var (store, warnings) = OpenWatched();
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 2, 1, default) });

        Assert.Equal(new[] { 2.0 }, MetricValues(metrics));
        Assert.Single(warnings);
    }

    [Fact]
    public void A_damaged_line_in_the_middle_of_the_log_is_an_error_naming_the_file_and_line()
    {
        Register(Store);
        Register(Store);
        string log = FileStore.EventLogPath;
        string[] lines = Lines(log);
        lines[0] = "{ not json";
        File.WriteAllText(log, string.Join('\n', lines));

        var e = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => OpenStore().ListModels());
        Assert.Equal(log, e.Target);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void A_lock_held_elsewhere_times_out_with_a_resource_unavailable_error_naming_the_lock_file()
    {
        Run run = RunWithModel(Store);
        FileStore.LockTimeout = TimeSpan.FromMilliseconds(300);
        using (new FileStream(FileStore.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreLockTimeout", () => Store.RegisterVersion("pm", run.RunId, "model"));
            Assert.Equal(FileStore.LockPath, e.Target);
            Assert.Contains("store.lock", e.Message);
            Assert.Equal(run.RunId, Store.GetRun(run.RunId).RunId); // reads do not wait for the lock
        }
        Assert.Equal(1, Store.RegisterVersion("pm", run.RunId, "model").Version);
    }

    [Fact]
    public void No_temporary_files_are_left_and_user_names_never_become_paths()
    {
        Run run = Store.StartRun("../../escape", "../run", new Dictionary<string, string> { ["../../tag"] = "x" });
        Store.LogArtifact(run.RunId, "model/model.zip", Text("w"));
        Store.RegisterVersion("pm", run.RunId, "model");
        Store.SetAlias("pm", "champion", 1, null);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        Store.LogParams(run.RunId, new Dictionary<string, string> { ["../p"] = "v" });

        Assert.Equal(new[] { "store" }, Directory.GetFileSystemEntries(_sandbox).Select(Path.GetFileName));
        var entries = Directory.GetFileSystemEntries(Folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Folder, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.DoesNotContain(entries, p => p.Contains(StoreNamesTempPrefix) || p.Contains("escape") || p.Contains("champion") || p.Contains("pm"));
        Assert.Equal(new[]
        {
            "experiments.json", "registry", "registry/events.jsonl", "registry/head.json", "running", $"running/{run.RunId}", "runs", $"runs/{run.RunId}", $"runs/{run.RunId}/artifacts",
            $"runs/{run.RunId}/artifacts/model", $"runs/{run.RunId}/artifacts/model/model.zip", $"runs/{run.RunId}/run.json", "store.lock",
        }, entries);
    }

    private const string StoreNamesTempPrefix = ".retrain-tmp-";

    [Fact]
    public void Leftover_temporary_files_are_invisible()
    {
        ModelVersion v = Register(Store);
        string folder = Path.Combine(Store.Location, "runs", v.RunId!, "artifacts", "model");
        File.WriteAllText(Path.Combine(folder, StoreNamesTempPrefix + "crashed"), "half a file");
        Assert.DoesNotContain(Store.ReadVersionFiles(v).Files.Keys, p => p.Contains(StoreNamesTempPrefix));
        Assert.DoesNotContain(Store.ListArtifacts(v.RunId!), p => p.Contains(StoreNamesTempPrefix));
    }

    [Fact]
    public void A_file_changed_on_disk_is_refused()
    {
        ModelVersion v = Register(Store);
        string zip = Path.Combine(Store.Location, "runs", v.RunId!, "artifacts", "model", "model.zip");
        Assert.True(File.Exists(zip));
        File.WriteAllText(zip, "weights-1 ");
        var e = Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Store.ReadVersionFiles(v));
        Assert.Contains("'model.zip' changed", e.Message);
        File.Delete(zip);
        Assert.Contains("'model.zip' is missing", Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Store.ReadVersionFiles(v)).Message);
    }

    [Fact]
    public void Events_are_json_lines_with_who_what_and_why()
    {
        Register(Store, reason: "because");
        string line = Lines(FileStore.EventLogPath)[0];
        JsonElement e = JsonDocument.Parse(line).RootElement;
        Assert.Equal(1, e.GetProperty("sequence").GetInt64());
        Assert.Equal("register_version", e.GetProperty("action").GetString());
        Assert.Equal("pm", e.GetProperty("model").GetString());
        Assert.Equal(1, e.GetProperty("version").GetInt32());
        Assert.Equal("None", e.GetProperty("stage").GetString());
        Assert.Equal("because", e.GetProperty("reason").GetString());
        Assert.Equal(Environment.UserName, e.GetProperty("user").GetString());
        Assert.Equal(Environment.MachineName, e.GetProperty("machine").GetString());
        Assert.True(e.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public void A_file_system_failure_is_a_store_error_naming_the_store()
    {
        string blocked = Path.Combine(_sandbox, "not-a-folder");
        File.WriteAllText(blocked, "a file where the store folder should be");
        using var store = new FileRetrainStore(blocked);
        var e = Fails(RetrainErrorKind.ResourceUnavailable, "StoreIoError", () => store.StartRun("training"));
        Assert.Equal(blocked, e.Target);
    }

    [Fact]
    public void The_factory_opens_file_uris_relative_to_the_base_directory()
    {
        using IRetrainStore relative = StoreFactory.Open(new StoreOptions { Uri = "file:./.retrain" }, _sandbox);
        Assert.Equal(Path.Combine(_sandbox, ".retrain"), relative.Location);
        using IRetrainStore absolute = StoreFactory.Open(new StoreOptions { Uri = new Uri(Folder).AbsoluteUri }, "/elsewhere");
        Assert.Equal(Folder, absolute.Location);

        using IRetrainStore split = StoreFactory.Open(new StoreOptions { Uri = "file:store", Artifacts = "blobs" }, _sandbox);
        Run run = split.StartRun("training");
        split.LogArtifact(run.RunId, "model/model.zip", Text("w"));
        Assert.True(File.Exists(Path.Combine(_sandbox, "blobs", run.RunId, "model", "model.zip")));
        Assert.Equal("w", ReadText(split.OpenArtifact(run.RunId, "model/model.zip")));
    }

    [Fact]
    public void Removing_a_run_removes_its_folder_and_its_artifacts_kept_apart_and_leaves_nothing_behind()
    {
        using IRetrainStore split = StoreFactory.Open(new StoreOptions { Uri = "file:store", Artifacts = "blobs" }, _sandbox);
        Run keep = RunWithModel(split);
        Run run = RunWithModel(split);
        split.DeleteRun(run.RunId);
        Assert.False(Directory.Exists(Path.Combine(_sandbox, "blobs", run.RunId)));
        Assert.False(Directory.Exists(Path.Combine(_sandbox, "store", "runs", run.RunId)));
        Assert.Equal(new[] { keep.RunId }, Directory.GetDirectories(Path.Combine(_sandbox, "blobs")).Select(Path.GetFileName));
        Assert.Equal(new[] { keep.RunId }, Directory.GetDirectories(Path.Combine(_sandbox, "store", "runs")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_run_folder_left_half_deleted_under_its_temporary_name_is_invisible()
    {
        Run keep = RunWithModel(Store);
        Directory.CreateDirectory(Path.Combine(Folder, "runs", StoreNamesTempPrefix + Guid.NewGuid().ToString("N"), "artifacts"));
        Assert.Equal(new[] { keep.RunId }, OpenStore().SearchRuns(new RunQuery()).Select(r => r.RunId));
    }

    [Theory]
    [InlineData("postgresql://retrain:s3cret@db.example.com/retrain", "postgresql")]
    [InlineData("Host=db;Username=retrain;Password=s3cret", "postgresql")]
    [InlineData("s3://bucket/store", "s3")]
    public void The_factory_refuses_other_schemes_naming_them_without_the_password(string uri, string scheme)
    {
        var e = Fails(RetrainErrorKind.InvalidConfiguration, "StoreSchemeNotSupported",
            () => StoreFactory.Open(new StoreOptions { Uri = uri }, _sandbox));
        Assert.Equal(scheme, e.Target);
        Assert.DoesNotContain("s3cret", e.Message);
        Assert.Contains(scheme == "postgresql" ? "PostgreSQL" : scheme, e.Message);
    }
}
