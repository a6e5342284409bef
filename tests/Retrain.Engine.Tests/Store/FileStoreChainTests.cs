using System.Text.Json.Nodes;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>
/// Issue 13 item 6 and 7: the event log is chained and anchored by its head, replay re-checks the registry's rules,
/// and a checkpoint spares a fold of the whole log without being trusted beyond the log.
/// </summary>
public sealed class FileStoreChainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-chain-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private string Log => Path.Combine(_folder, "registry", "events.jsonl");
    private string Head => Path.Combine(_folder, "registry", "head.json");
    private string Checkpoint => Path.Combine(_folder, "registry", "checkpoint.json");

    private FileRetrainStore Open() => new(_folder);

    /// <summary>Nine events: four versions, v2 to Staging, v3 to Production, an alias, a description.</summary>
    private void WriteNineEvents()
    {
        using var store = Open();
        for (int i = 0; i < 4; i++)
            Register(store);
        store.TransitionStage("pm", 2, ModelStage.Staging, false, null);
        store.TransitionStage("pm", 3, ModelStage.Production, true, null);
        store.SetAlias("pm", "champion", 3, null);
        store.UpdateVersion("pm", 1, "first", null, null, null);
        store.SetAlias("pm", "old", 1, null);
    }

    private string[] Lines() => File.ReadAllLines(Log);

    private void WriteLines(IEnumerable<string> lines) => File.WriteAllText(Log, string.Join('\n', lines) + "\n");

    private RetrainException Damaged(Action read) => Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", read);

    [Fact]
    public void Every_line_carries_the_hash_of_all_the_bytes_before_it_and_the_head_the_hash_of_the_whole_log()
    {
        WriteNineEvents();
        byte[] log = File.ReadAllBytes(Log);
        long start = 0;
        foreach (string line in Lines())
        {
            string expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(log.AsSpan(0, (int)start))).ToLowerInvariant();
            Assert.Equal(expected, JsonNode.Parse(line)!["previous_hash"]!.GetValue<string>());
            start += System.Text.Encoding.UTF8.GetByteCount(line) + 1;
        }
        var head = JsonNode.Parse(File.ReadAllText(Head))!;
        Assert.Equal(9, head["sequence"]!.GetValue<long>());
        Assert.Equal(log.Length, head["offset"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(log)).ToLowerInvariant(), head["hash"]!.GetValue<string>());
    }

    [Fact]
    public void Staging_edited_to_Production_in_a_past_line_is_named_not_served_as_two_Production_versions()
    {
        WriteNineEvents();
        string[] lines = Lines();
        lines[4] = lines[4].Replace("\"stage\":\"Staging\"", "\"stage\":\"Production\"");
        WriteLines(lines);
        var e = Damaged(() => Open().GetVersionByStage("pm", ModelStage.Production));
        Assert.Contains("line 6 is chained to different earlier lines", e.Message);
        Assert.Contains("line 5 or an earlier line was edited", e.Message);
    }

    [Fact]
    public void Even_with_the_chain_rebuilt_two_Production_versions_break_a_rule_and_are_refused()
    {
        WriteNineEvents();
        string[] lines = Lines();
        lines[4] = lines[4].Replace("\"stage\":\"Staging\"", "\"stage\":\"Production\"");
        Rechain(lines);
        var e = Damaged(() => Open().ListModels());
        Assert.Contains("line 6 puts version 3 of 'pm' in Production while version 2 is there", e.Message);
    }

    [Fact]
    public void A_removed_or_reordered_line_in_the_middle_is_named()
    {
        WriteNineEvents();
        string[] lines = Lines();
        WriteLines(lines.Where((_, i) => i != 3));
        Assert.Contains("line 4 is chained to different earlier lines", Damaged(() => Open().ListModels()).Message);

        WriteLines(lines.Select((l, i) => i == 6 ? lines[7] : i == 7 ? lines[6] : l));
        Assert.Contains("line 7 is chained to different earlier lines", Damaged(() => Open().ListModels()).Message);
    }

    [Fact]
    public void An_edit_of_the_last_line_is_caught_by_the_head()
    {
        WriteNineEvents();
        string[] lines = Lines();
        lines[^1] = lines[^1].Replace("\"alias\":\"old\"", "\"alias\":\"new\"");
        WriteLines(lines);
        var e = Damaged(() => Open().ListModels());
        Assert.Contains("line 9 (event 9) or a line before it changed after", e.Message);
        Assert.Contains("head.json", e.Message);
    }

    [Fact]
    public void An_unchained_line_appended_after_chained_ones_is_refused()
    {
        WriteNineEvents();
        var forged = JsonNode.Parse(Lines()[^1])!.AsObject();
        forged.Remove("previous_hash");
        forged["sequence"] = 10;
        forged["alias"] = "forged";
        File.AppendAllText(Log, forged.ToJsonString() + "\n");
        Assert.Contains("line 10 carries no previous_hash", Damaged(() => Open().ListModels()).Message);
    }

    [Fact]
    public void A_cut_in_the_middle_of_line_5_of_9_is_corruption_and_nothing_is_cut_off()
    {
        WriteNineEvents();
        string[] lines = Lines();
        long cut = lines.Take(4).Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1) + lines[4].Length / 2;
        using (var stream = new FileStream(Log, FileMode.Open))
            stream.SetLength(cut);
        using var store = Open();
        var e = Damaged(() => store.ListModels());
        Assert.Contains("it holds 4 complete events and an incomplete line, but", e.Message);
        Assert.Contains("events 5–9 were removed", e.Message);
        Damaged(() => store.SetAlias("pm", "x", 1, null)); // a writer does not "repair" it either
        Assert.Equal(cut, new FileInfo(Log).Length);
    }

    [Fact]
    public void An_emptied_log_is_corruption_while_the_head_remains()
    {
        WriteNineEvents();
        File.WriteAllText(Log, "");
        Assert.Contains("events 1–9 were removed", Damaged(() => Open().ListModels()).Message);
    }

    [Fact]
    public void With_log_and_head_both_gone_numbering_does_not_restart_while_runs_of_the_model_exist()
    {
        WriteNineEvents();
        File.Delete(Log);
        File.Delete(Head);
        using var store = Open();
        var e = Damaged(() => Register(store));
        Assert.Contains("became version 4 of it: the log was emptied or replaced", e.Message);
        Assert.False(File.Exists(Log));
        Register(store, "other"); // a model with no runs behind it is not affected
    }

    [Fact]
    public void A_torn_last_line_after_the_head_is_still_repaired()
    {
        WriteNineEvents();
        File.AppendAllText(Log, "{\"format\":1,\"previous_hash\":\"ab");
        using var store = Open();
        var warnings = new List<string>();
        store.Warning += warnings.Add;
        store.SetAlias("pm", "after", 1, null);
        Assert.Single(warnings);
        Assert.Equal(10, store.GetEvents().Count);
    }

    [Fact]
    public void A_stage_number_outside_the_enum_is_refused()
    {
        WriteNineEvents();
        string[] lines = Lines();
        lines[4] = lines[4].Replace("\"stage\":\"Staging\"", "\"stage\":7");
        Rechain(lines);
        Assert.Contains("to the unknown stage 7", Damaged(() => Open().ListModels()).Message);
    }

    /// <summary>A writer that reaches the interval leaves a checkpoint; a new reader resumes from it and folds only the rest.</summary>
    [Fact]
    public void A_checkpoint_is_written_every_interval_and_a_new_reader_gives_the_same_registry()
    {
        using (var store = Open())
        {
            Register(store);
            Register(store);
            store.TransitionStage("pm", 2, ModelStage.Production, true, null);
            for (int i = 0; i < RegistryCheckpoint.Interval + 5; i++)
                store.UpdateVersion("pm", 1, $"edit {i}", new Dictionary<string, string> { ["i"] = $"{i}" }, null, null);
        }
        Assert.True(File.Exists(Checkpoint));
        var checkpoint = JsonNode.Parse(File.ReadLines(Checkpoint).First())!;
        Assert.Equal(RegistryCheckpoint.Interval, checkpoint["sequence"]!.GetValue<long>());

        using var reader = Open();
        ModelVersion v1 = reader.GetVersion("pm", 1);
        Assert.Equal($"edit {RegistryCheckpoint.Interval + 4}", v1.Description);
        Assert.Equal(2, reader.GetVersionByStage("pm", ModelStage.Production)!.Version);
        Assert.Equal(RegistryCheckpoint.Interval + 8, reader.GetEvents().Count);
    }

    [Fact]
    public void A_past_line_edited_under_a_checkpoint_is_still_named()
    {
        A_checkpoint_is_written_every_interval_and_a_new_reader_gives_the_same_registry();
        string[] lines = Lines();
        lines[2] = lines[2].Replace("\"reason\":null", "\"reason\":\"forged\"").Replace("\"version\":2", "\"version\":1");
        WriteLines(lines);
        Assert.Contains("line 4 is chained to different earlier lines", Damaged(() => Open().ListModels()).Message);
    }

    [Fact]
    public void A_checkpoint_edited_by_hand_is_caught_by_the_next_checkpoint_writer_before_it_writes()
    {
        A_checkpoint_is_written_every_interval_and_a_new_reader_gives_the_same_registry();
        string original = File.ReadAllText(Checkpoint);
        string text = original.Replace("\"stages\":\"NP\"", "\"stages\":\"NA\""); // version 2 no longer in Production
        Assert.NotEqual(original, text);
        File.WriteAllText(Checkpoint, text);
        Assert.Null(Open().GetVersionByStage("pm", ModelStage.Production)); // believed by readers until a writer checks
        long before = new FileInfo(Log).Length;
        using var store = Open();
        RetrainException? caught = null;
        for (int i = 0; i < RegistryCheckpoint.Interval && caught is null; i++)
        {
            try
            {
                store.UpdateVersion("pm", 1, $"again {i}", null, null, null);
            }
            catch (RetrainException e)
            {
                caught = e;
            }
        }
        Assert.NotNull(caught);
        Assert.Equal("StoreCorrupt", caught!.ErrorId);
        Assert.Contains("checkpoint.json", caught.Message);
        Assert.Contains("differs from the one the event log gives", caught.Message);
        Assert.Equal(File.ReadAllText(Checkpoint), text); // not overwritten
        Assert.True(new FileInfo(Log).Length > before);
    }

    [Fact]
    public void A_read_of_one_version_parses_only_that_version_of_the_checkpoint()
    {
        A_checkpoint_is_written_every_interval_and_a_new_reader_gives_the_same_registry();
        string[] lines = File.ReadAllLines(Checkpoint);
        Assert.Equal(3, lines.Length); // the index and one line per version
        lines[2] = new string('x', lines[2].Length); // version 2's line, same length: the index still fits the file
        File.WriteAllText(Checkpoint, string.Join('\n', lines) + "\n");
        using var store = Open();
        Assert.StartsWith("edit ", store.GetVersion("pm", 1).Description);
        var e = Damaged(() => store.GetVersion("pm", 2));
        Assert.Contains("checkpoint.json", e.Message);
        Assert.Contains("line 3 is not a version", e.Message);
    }

    [Fact]
    public void A_damaged_checkpoint_is_ignored_and_the_log_folded_from_the_start()
    {
        A_checkpoint_is_written_every_interval_and_a_new_reader_gives_the_same_registry();
        File.WriteAllText(Checkpoint, "{ not json");
        Assert.Equal(2, Open().GetVersionByStage("pm", ModelStage.Production)!.Version);
    }

    /// <summary>Rewrites every previous_hash and the head as a writer would have: only the registry's rules can object.</summary>
    private void Rechain(string[] lines)
    {
        var output = new MemoryStream();
        foreach (string line in lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            node["previous_hash"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(output.ToArray())).ToLowerInvariant();
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString() + "\n");
            output.Write(bytes);
        }
        File.WriteAllBytes(Log, output.ToArray());
        var head = new JsonObject
        {
            ["sequence"] = lines.Length,
            ["offset"] = output.Length,
            ["hash"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(output.ToArray())).ToLowerInvariant(),
        };
        File.WriteAllText(Head, head.ToJsonString());
    }
}
