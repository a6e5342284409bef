using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

// Artifacts: round trip, listing, the directory digest, and what a version's files must match.
public abstract partial class StoreContractTests
{
    [Fact]
    public void Artifacts_round_trip_and_list_under_a_prefix()
    {
        Run run = Store.StartRun("training");
        Store.LogArtifact(run.RunId, "model/model.zip", Text("zip bytes"));
        Store.LogArtifact(run.RunId, "model/sub/extra.txt", Text("extra"));
        Store.LogArtifact(run.RunId, "model2/other.txt", Text("other"));
        Store.LogArtifact(run.RunId, "drift_report.json", Text("{\"drift\":true}"));

        Assert.Equal("zip bytes", ReadText(Store.OpenArtifact(run.RunId, "model/model.zip")));
        Assert.Equal(new[] { "drift_report.json", "model/model.zip", "model/sub/extra.txt", "model2/other.txt" }, Store.ListArtifacts(run.RunId));
        Assert.Equal(new[] { "model/model.zip", "model/sub/extra.txt" }, Store.ListArtifacts(run.RunId, "model"));
        Assert.Equal(new[] { "model/model.zip", "model/sub/extra.txt" }, Store.ListArtifacts(run.RunId, "model/"));
        Assert.Empty(Store.ListArtifacts(run.RunId, "nothing_here"));

        Store.LogArtifact(run.RunId, "model/model.zip", Text("replaced"));
        Assert.Equal("replaced", ReadText(Store.OpenArtifact(run.RunId, "model/model.zip")));
    }

    [Fact]
    public void A_missing_artifact_is_an_error_naming_run_and_path()
    {
        Run run = Store.StartRun("training");
        var e = Fails(RetrainErrorKind.ObjectNotFound, "ArtifactNotFound", () => Store.OpenArtifact(run.RunId, "model/model.zip"));
        Assert.Equal($"runs:/{run.RunId}/model/model.zip", e.Target);
        Fails(RetrainErrorKind.ObjectNotFound, "ArtifactNotFound", () => Store.ArtifactDirectoryDigest(run.RunId, "model"));
    }

    [Fact]
    public void The_directory_digest_is_sha256_over_sorted_path_and_file_hash_lines()
    {
        Run run = Store.StartRun("training");
        var files = new[] { ("w", "first"), ("w-2", "second"), ("sub/a.bin", "third") }; // "w-2:" sorts before "w:"
        foreach (var (path, content) in files)
            Store.LogArtifact(run.RunId, "model/" + path, Text(content));
        Store.LogArtifact(run.RunId, "outside.txt", Text("not part of model/"));

        string digest = Store.ArtifactDirectoryDigest(run.RunId, "model");
        Assert.Equal(ExpectedDigest(files), digest);
        Assert.Matches("^[0-9a-f]{64}$", digest);

        Store.LogArtifact(run.RunId, "model/w", Text("changed"));
        Assert.NotEqual(digest, Store.ArtifactDirectoryDigest(run.RunId, "model"));
    }

    [Fact]
    public void Registration_records_the_digest_and_materialize_returns_the_verified_files()
    {
        ModelVersion v = Register(Store);
        Assert.Equal(ExpectedDigest(new[] { ("model.zip", "weights-1"), ("manifest.json", "{\"features\":[\"s1\"]}") }), v.ArtifactSha256);

        VerifiedFiles files = Store.ReadVersionFiles(v);
        Assert.Equal("weights-1", System.Text.Encoding.UTF8.GetString(files.Files["model.zip"]));
        Assert.True(files.Files.ContainsKey("manifest.json"));
        Assert.Equal(v.Version, files.Version.Version);
    }

    [Fact]
    public void A_changed_file_of_a_registered_version_is_a_security_error_naming_version_and_file()
    {
        ModelVersion v = Register(Store);
        Store.LogArtifact(v.RunId!, "model/model.zip", Text("weights-EVIL"));

        var e = Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Store.ReadVersionFiles(v));
        Assert.Contains("models:/pm/1", e.Message);
        Assert.Contains("model.zip", e.Message);
        Assert.Equal("models:/pm/1/model.zip", e.Target);
        // The resolver refuses it as well: a tampered model is never handed out.
        Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => ModelResolver.Resolve("models:/pm/1", Store));
    }

    [Fact]
    public void An_added_file_in_a_registered_version_is_a_security_error()
    {
        ModelVersion v = Register(Store);
        Store.LogArtifact(v.RunId!, "model/backdoor.dll", Text("MZ"));
        var e = Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Store.ReadVersionFiles(v));
        Assert.Contains("backdoor.dll", e.Message);
    }

    [Fact]
    public void A_version_object_with_a_forged_digest_is_refused()
    {
        ModelVersion v = Register(Store);
        var forged = new ModelVersion
        {
            Name = v.Name, Version = v.Version, Stage = v.Stage, Source = v.Source, RunId = v.RunId, CreatedAt = v.CreatedAt,
            ArtifactSha256 = new string('0', 64),
        };
        Fails(RetrainErrorKind.SecurityError, "ArtifactTampered", () => Store.ReadVersionFiles(forged));
    }
}
