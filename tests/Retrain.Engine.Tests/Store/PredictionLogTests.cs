using Retrain.Engine.Deployment;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>The prediction log: batches appended whole, torn tails cut, reads bounded, outcomes joined on equipment and time.</summary>
public sealed class PredictionLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-prediction-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRetrainStore _store;
    private readonly List<string> _warnings = new();

    public PredictionLogTests()
    {
        _store = new FileRetrainStore(_folder);
        _store.Warning += _warnings.Add;
        Register(_store);
        Register(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static PredictionRow Row(string id, double cycle, double prediction, PredictionRole role = PredictionRole.Production, int version = 1) =>
        new() { Version = version, Role = role, EquipmentId = id, Cycle = cycle, Prediction = prediction };

    private static PredictionRow[] Both(string id, double cycle, double production, double shadow) =>
        new[] { Row(id, cycle, production), Row(id, cycle, shadow, PredictionRole.Shadow, 2) };

    private IReadOnlyList<PredictionEntry> ReadAll(FileRetrainStore? store = null) => (store ?? _store).ReadPredictions(new PredictionQuery { ModelName = "pm" });

    private string SegmentFile() => Directory.GetFiles(Path.Combine(_folder, "predictions"), "*.jsonl", SearchOption.AllDirectories).Single();

    [Fact]
    public void A_batch_comes_back_in_order_with_its_id_and_time_in_a_file_named_by_a_hash_of_the_model()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        PredictionBatch first = _store.AppendPredictions("pm", Both("ENG-1", 30, 100, 110).Concat(Both("ENG-2", 30, 50, 55)).ToList());
        PredictionBatch second = _store.AppendPredictions("pm", Both("ENG-1", 31, 99, 108));
        Assert.Equal((4, 2), (first.Entries, second.Entries));
        Assert.NotEqual(first.BatchId, second.BatchId);

        var entries = ReadAll(new FileRetrainStore(_folder));
        Assert.Equal(new[] { 100.0, 110, 50, 55, 99, 108 }, entries.Select(e => e.Prediction));
        Assert.Equal(new[] { PredictionRole.Production, PredictionRole.Shadow }, entries.Take(2).Select(e => e.Role));
        Assert.Equal(Enumerable.Repeat(first.BatchId, 4).Concat(Enumerable.Repeat(second.BatchId, 2)), entries.Select(e => e.BatchId));
        Assert.All(entries, e => Assert.InRange(e.LoggedAt, before, DateTimeOffset.UtcNow));
        Assert.Equal(("ENG-2", 30.0, 2), (entries[3].EquipmentId, entries[3].Cycle!.Value, entries[3].Version));
        // The model's name never becomes a path: the folder is a hash, the file the month of logging.
        string file = SegmentFile();
        Assert.DoesNotContain("pm", Path.GetRelativePath(_folder, file).Replace("predictions", ""));
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM") + ".jsonl", Path.GetFileName(file));
    }

    [Fact]
    public void A_bad_row_or_an_unknown_version_writes_nothing()
    {
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidPrediction", () => _store.AppendPredictions("pm", new[] { Row("ENG-1", 1, 1), Row("ENG-1", 2, double.NaN) }));
        Assert.Contains("Prediction 2 of model 'pm'", e.Message);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidPrediction", () => _store.AppendPredictions("pm", new[] { new PredictionRow { Version = 1, Role = PredictionRole.Production, EquipmentId = "ENG-1", Prediction = 1 } }));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidPrediction", () => _store.AppendPredictions("pm", new[] { Row("", 1, 1) }));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => _store.AppendPredictions("pm", new[] { Row("ENG-1", 1, 1, version: 3) }));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => _store.AppendPredictions("other", new[] { Row("ENG-1", 1, 1) }));
        Assert.Empty(ReadAll());
        Assert.False(Directory.Exists(Path.Combine(_folder, "predictions")));
    }

    [Fact]
    public void A_torn_last_line_is_ignored_cut_off_with_a_warning_and_never_glued_to_the_next_batch()
    {
        _store.AppendPredictions("pm", Both("ENG-1", 30, 100, 110));
        string file = SegmentFile();
        string complete = File.ReadAllText(file);
        // A writer killed in the middle of its batch: half a line, no newline.
        File.AppendAllText(file, complete.Split('\n')[0][..40]);
        using (var reader = new FileRetrainStore(_folder))
        {
            var warnings = new List<string>();
            reader.Warning += warnings.Add;
            Assert.Equal(2, ReadAll(reader).Count);
            Assert.Contains(warnings, w => w.Contains("was incomplete (40 bytes"));
        }
        Assert.Equal(complete, File.ReadAllText(file));
        File.AppendAllText(file, "{\"format\":1,\"model\":\"pm\""); // torn again, then a writer appends
        _store.AppendPredictions("pm", Both("ENG-1", 31, 99, 108));
        Assert.Equal(new[] { 100.0, 110, 99, 108 }, ReadAll(new FileRetrainStore(_folder)).Select(e => e.Prediction));
    }

    [Fact]
    public void Reads_are_bounded_by_a_count_and_a_period_and_a_damaged_line_is_named()
    {
        _store.AppendPredictions("pm", Enumerable.Range(1, 10).Select(c => Row("ENG-1", c, c)).ToList());
        var big = Fails(RetrainErrorKind.ResourceUnavailable, "PredictionLogTooLarge",
            () => _store.ReadPredictions(new PredictionQuery { ModelName = "pm", MaxEntries = 9 }));
        Assert.Contains("more than 9 entries", big.Message);
        Assert.Equal(10, _store.ReadPredictions(new PredictionQuery { ModelName = "pm", MaxEntries = 10 }).Count);
        Assert.Empty(_store.ReadPredictions(new PredictionQuery { ModelName = "pm", LoggedAfter = DateTimeOffset.UtcNow.AddSeconds(1) }));
        Assert.Empty(_store.ReadPredictions(new PredictionQuery { ModelName = "pm", LoggedBefore = DateTimeOffset.UtcNow.AddDays(-40) }));
        Assert.Empty(_store.ReadPredictions(new PredictionQuery { ModelName = "never-logged" }));

        string file = SegmentFile();
        var lines = File.ReadAllLines(file);
        lines[4] = "{\"format\":1,\"model\":\"pm\",";
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        var damaged = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => ReadAll());
        Assert.Contains("line 5", damaged.Message);
        lines[4] = lines[3].Replace("\"format\":1", "\"format\":2");
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        Assert.Contains("newer Retrain", Fails(RetrainErrorKind.InvalidOperation, "StoreFormatTooNew", () => ReadAll()).Message);
    }

    [Fact]
    public void Outcomes_join_the_latest_batch_that_both_versions_scored_and_the_rest_are_counted()
    {
        _store.AppendPredictions("pm", Both("ENG-1", 30, 100, 110).Concat(Both("ENG-2", 30, 50, 55)).ToList());
        _store.AppendPredictions("pm", Both("ENG-1", 30, 101, 111).Concat(new[] { Row("ENG-3", 30, 70) }).ToList()); // ENG-1 again; ENG-3 by Production only
        var outcomes = new[]
        {
            new PredictionKey("ENG-1", null, 30), new PredictionKey("ENG-2", null, 30), new PredictionKey("ENG-3", null, 30),
            new PredictionKey("ENG-4", null, 30), new PredictionKey("ENG-2", null, 31),
        };
        JoinedPredictions joined = PredictionJoin.Pair(ReadAll(), outcomes,
            e => e.Role == PredictionRole.Production && e.Version == 1, e => e.Role == PredictionRole.Shadow && e.Version == 2);
        Assert.Equal(new[] { 0, 1 }, joined.Rows);
        Assert.Equal(new[] { 101.0, 50 }, joined.Champion);
        Assert.Equal(new[] { 111.0, 55 }, joined.Challenger);
        Assert.Equal((5, 2, 2, 1, 2), (joined.Summary.OutcomeRows, joined.Summary.JoinedRows, joined.Summary.WithoutPrediction, joined.Summary.NotScoredByBoth, joined.Summary.Batches));
        // Timestamps join as instants, whatever offset either side wrote.
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new PredictionKey("ENG-1", at.ToUniversalTime(), null),
            PredictionKey.Of(new PredictionEntry { ModelName = "pm", Version = 1, Role = PredictionRole.Production, EquipmentId = "ENG-1", Timestamp = at, Prediction = 1, BatchId = "b", LoggedAt = at }));
    }
}
