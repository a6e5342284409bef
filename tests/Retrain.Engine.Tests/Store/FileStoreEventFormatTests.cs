using System.Text.Json;
using System.Text.Json.Nodes;
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

    private void Edit(int line, Action<JsonObject> change)
    {
        string[] lines = File.ReadAllLines(Log);
        var node = JsonNode.Parse(lines[line])!.AsObject();
        change(node);
        lines[line] = node.ToJsonString();
        File.WriteAllText(Log, string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void Every_event_carries_the_format_version()
    {
        using var store = new FileRetrainStore(_folder);
        Register(store);
        store.SetAlias("pm", "champion", 1, null);
        foreach (string line in File.ReadAllLines(Log))
            Assert.Equal(RegistryRules.EventFormat, JsonDocument.Parse(line).RootElement.GetProperty("format").GetInt32());
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
