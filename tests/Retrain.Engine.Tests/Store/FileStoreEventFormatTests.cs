using System.Text.Json;
using System.Text.Json.Nodes;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>The registry event log's format version: written on every line, old lines read as format 1, newer ones named as such.</summary>
public sealed class FileStoreEventFormatTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-store-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private string Log => Path.Combine(_folder, "registry", "events.jsonl");

    /// <summary>
    /// Changes one line and writes the log as a Retrain from before the hash chain would have (no previous_hash, no
    /// head): these tests are about what a line says, which the chain would otherwise report first as an edit.
    /// </summary>
    private void Edit(int line, Action<JsonObject> change)
    {
        string[] lines = File.ReadAllLines(Log);
        var node = JsonNode.Parse(lines[line])!.AsObject();
        change(node);
        lines[line] = node.ToJsonString();
        WriteUnchained(lines);
    }

    private void WriteUnchained(string[] lines)
    {
        var unchained = lines.Select(l =>
        {
            var node = JsonNode.Parse(l)!.AsObject();
            node.Remove("previous_hash");
            return node.ToJsonString();
        });
        File.WriteAllText(Log, string.Join('\n', unchained) + "\n");
        File.Delete(Path.Combine(_folder, "registry", "head.json"));
    }

    [Fact]
    public void Every_event_carries_the_format_version()
    {
        using var store = new FileRetrainStore(_folder);
        Register(store);
        store.SetAlias("pm", "champion", 1, null);
        foreach (string line in File.ReadAllLines(Log))
            Assert.Equal(1, JsonDocument.Parse(line).RootElement.GetProperty("format").GetInt32());
    }

    [Fact]
    public void A_removal_is_written_as_format_2_so_a_format_1_reader_refuses_it_instead_of_serving_the_removed_version()
    {
        using (var writer = new FileRetrainStore(_folder))
        {
            Register(writer);
            Register(writer);
            writer.DeleteVersion("pm", 1, null);
        }
        string[] lines = File.ReadAllLines(Log);
        Assert.Equal(new[] { 1, 1, 2 }, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("format").GetInt32()));
        // Older stores stay readable by older modules: only the tombstone needs the newer format.
        Assert.True(RegistryRules.FormatOf(RegistryActions.DeleteVersion) > 1);
        Assert.All(new[] { RegistryActions.RegisterVersion, RegistryActions.TransitionStage, RegistryActions.SetAlias, RegistryActions.DeleteAlias, RegistryActions.UpdateVersion },
            a => Assert.Equal(1, RegistryRules.FormatOf(a)));
        using var reader = new FileRetrainStore(_folder);
        Assert.Equal(new[] { 2 }, reader.ListVersions("pm").Select(v => v.Version));
    }

    [Fact]
    public void A_tombstone_for_a_version_in_production_is_damage_not_a_state()
    {
        using (var writer = new FileRetrainStore(_folder))
        {
            Register(writer);
            Register(writer);
            writer.DeleteVersion("pm", 2, null);
            writer.TransitionStage("pm", 1, ModelStage.Production, true, null);
        }
        // Swap the last two lines (and their sequence numbers): the log would then delete the Production version.
        string[] lines = File.ReadAllLines(Log);
        var deletion = JsonNode.Parse(lines[2])!.AsObject();
        var promotion = JsonNode.Parse(lines[3])!.AsObject();
        deletion["version"] = 1;
        (deletion["sequence"], promotion["sequence"]) = (4, 3);
        lines[2] = promotion.ToJsonString();
        lines[3] = deletion.ToJsonString();
        WriteUnchained(lines);
        using var reader = new FileRetrainStore(_folder);
        var e = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => reader.ListModels());
        Assert.Contains("line 4", e.Message);
    }

    [Fact]
    public void Lines_without_a_version_read_as_format_1()
    {
        using (var writer = new FileRetrainStore(_folder))
        {
            Register(writer);
            writer.SetAlias("pm", "champion", 1, null);
        }
        Edit(0, e => e.Remove("format"));
        Edit(1, e => e.Remove("format"));
        using var reader = new FileRetrainStore(_folder);
        Assert.Equal(new[] { "champion" }, reader.GetVersion("pm", 1).Aliases);
    }

    [Fact]
    public void A_newer_format_is_named_as_written_by_a_newer_retrain_not_as_corrupt()
    {
        using (var writer = new FileRetrainStore(_folder))
            Register(writer);
        Edit(0, e => e["format"] = RegistryRules.EventFormat + 1);
        using var reader = new FileRetrainStore(_folder);
        var e = Assert.IsType<StoreException>(Fails(RetrainErrorKind.InvalidOperation, "StoreFormatTooNew", () => reader.ListModels()));
        Assert.Contains($"newer Retrain (format {RegistryRules.EventFormat + 1})", e.Message);
        Assert.Contains("upgrade the module", e.Message);
    }

    [Fact]
    public void An_unknown_action_is_named_as_written_by_a_newer_retrain()
    {
        using (var writer = new FileRetrainStore(_folder))
        {
            Register(writer);
            writer.SetAlias("pm", "champion", 1, null);
        }
        Edit(1, e => e["action"] = "set_canary");
        using var reader = new FileRetrainStore(_folder);
        var e = Fails(RetrainErrorKind.InvalidOperation, "StoreFormatTooNew", () => reader.ListModels());
        Assert.Contains("set_canary", e.Message);
        Assert.Contains("upgrade the module", e.Message);
    }
}
