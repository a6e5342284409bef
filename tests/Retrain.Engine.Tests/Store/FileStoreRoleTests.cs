using System.Text.Json;
using System.Text.Json.Nodes;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>Roles in the file store's log and checkpoint: a newer format only where a role is involved, kept by the checkpoint, re-checked on replay.</summary>
public sealed class FileStoreRoleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-role-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private string Log => Path.Combine(_folder, "registry", "events.jsonl");
    private string Checkpoint => Path.Combine(_folder, "registry", "checkpoint.json");

    private static int[] Formats(string path) => File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("format").GetInt32()).ToArray();

    private FileRetrainStore ThreeVersions()
    {
        var store = new FileRetrainStore(_folder);
        for (int i = 0; i < 3; i++)
            Register(store);
        store.TransitionStage("pm", 1, ModelStage.Production, true, null);
        return store;
    }

    [Fact]
    public void Only_role_events_and_the_stage_change_that_ends_a_role_need_the_role_format()
    {
        using (var store = ThreeVersions())
        {
            store.SetRole("pm", DeploymentRole.Shadow, 2, null, null);
            store.TransitionStage("pm", 3, ModelStage.Staging, false, null);
            store.TransitionStage("pm", 2, ModelStage.Production, true, null); // ends the shadow
            store.SetRole("pm", DeploymentRole.Shadow, 3, null, null);
            store.EndRole("pm", DeploymentRole.Shadow, null);
        }
        // A module that reads format 2 keeps reading the store until its first role: then it names the store as newer.
        Assert.Equal(new[] { 1, 1, 1, 1, RegistryRules.RoleFormat, 1, RegistryRules.RoleFormat, RegistryRules.RoleFormat, RegistryRules.RoleFormat }, Formats(Log));
        Assert.True(RegistryRules.RoleFormat > 2);
    }

    [Fact]
    public void A_reader_opening_from_a_checkpoint_sees_the_role_and_the_checkpoint_needs_the_new_format_only_while_one_is_held()
    {
        using (var store = ThreeVersions())
        {
            store.SetRole("pm", DeploymentRole.Shadow, 2, null, "watch");
            for (int i = 0; i < RegistryCheckpoint.Interval; i++)
                store.UpdateVersion("pm", 3, $"edit {i}", null, null, null);
        }
        var header = JsonNode.Parse(File.ReadLines(Checkpoint).First())!;
        Assert.Equal(RegistryCheckpoint.CurrentFormat, header["format"]!.GetValue<int>());
        Assert.Equal(2, header["models"]![0]!["roles"]!["shadow"]!["version"]!.GetValue<int>());
        using (var reader = new FileRetrainStore(_folder))
        {
            RoleAssignment held = Assert.Single(reader.GetRoles("pm"));
            Assert.Equal((DeploymentRole.Shadow, 2), (held.Role, held.Version));
            Fails(RetrainErrorKind.InvalidOperation, "VersionHasRole", () => reader.DeleteVersion("pm", 2, null));
            reader.EndRole("pm", DeploymentRole.Shadow, null);
            for (int i = 0; i < RegistryCheckpoint.Interval; i++)
                reader.UpdateVersion("pm", 3, $"again {i}", null, null, null);
        }
        header = JsonNode.Parse(File.ReadLines(Checkpoint).First())!;
        Assert.Equal(2, header["format"]!.GetValue<int>());
        Assert.Null(header["models"]![0]!["roles"]);
        using var last = new FileRetrainStore(_folder);
        Assert.Empty(last.GetRoles("pm"));
    }

    [Fact]
    public void A_log_edited_so_the_Production_version_holds_a_role_is_damage()
    {
        using (var store = ThreeVersions())
            store.SetRole("pm", DeploymentRole.Shadow, 2, null, null);
        // Rewritten as a pre-chain log so the edit is judged by what it says, not caught first as an edit.
        string[] lines = File.ReadAllLines(Log).Select(l =>
        {
            var node = JsonNode.Parse(l)!.AsObject();
            node.Remove("previous_hash");
            if (node["action"]!.GetValue<string>() == RegistryActions.SetRole)
                node["version"] = 1;
            return node.ToJsonString();
        }).ToArray();
        File.WriteAllText(Log, string.Join('\n', lines) + "\n");
        File.Delete(Path.Combine(_folder, "registry", "head.json"));
        using var reader = new FileRetrainStore(_folder);
        var e = Fails(RetrainErrorKind.InvalidData, "StoreCorrupt", () => reader.ListModels());
        Assert.Contains("line 5 gives the shadow role to version 1 of 'pm', which is Production", e.Message);
    }
}
