using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

// Names from users: rejected with an error naming them, or stored as data, never turned into outside paths.
public abstract partial class StoreContractTests
{
    public static TheoryData<string> UnsafeModelNames => new()
    {
        "a/b", "..", "../evil", "..\\evil", "a\\b", "\"quoted\"", "it's", "a\nb", "tab\there", "/etc/passwd", "C:\\models\\pm", "C:", "",
        " ", "a b", "pm@champion", ".hidden", "-dash", "a..b", new string('x', 201),
    };

    [Theory]
    [MemberData(nameof(UnsafeModelNames))]
    public void Unsafe_model_names_are_rejected_naming_them(string name)
    {
        Run run = RunWithModel(Store);
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidModelName", () => Store.RegisterVersion(name, run.RunId, "model"));
        Assert.Equal(name, e.Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidModelName", () => Store.ListVersions(name));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidModelName", () => Store.GetVersion(name, 1));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidModelName", () => Store.GetEvents(name));
        Assert.Empty(Store.ListModels());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a.b")]
    [InlineData("\"x\"")]
    [InlineData("a\u0000b")]
    [InlineData("42")]
    [InlineData("-x")]
    [InlineData("")]
    public void Unsafe_aliases_are_rejected_naming_them(string alias)
    {
        Register(Store);
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidAlias", () => Store.SetAlias("pm", alias, 1, null));
        Assert.Equal(alias, e.Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidAlias", () => Store.GetVersionByAlias("pm", alias));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidAlias", () => Store.DeleteAlias("pm", alias, null));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows")]
    [InlineData("")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef/..")]
    public void Malformed_run_ids_are_rejected_naming_them(string runId)
    {
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidRunId", () => Store.GetRun(runId));
        Assert.Equal(runId, e.Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidRunId", () => Store.LogArtifact(runId, "a.txt", Text("x")));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidRunId", () => Store.RegisterVersion("pm", runId, "model"));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("model/../../escape.txt")]
    [InlineData("model/..")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\temp\\x")]
    [InlineData("C:/temp/x")]
    [InlineData("model\\model.zip")]
    [InlineData("model//model.zip")]
    [InlineData("./model.zip")]
    [InlineData("model/./x")]
    [InlineData("")]
    [InlineData("a\nb")]
    [InlineData("NUL")]
    [InlineData("model/con.txt")]
    [InlineData("trailing.")]
    [InlineData("what?.txt")]
    [InlineData("\"quoted\".txt")]
    public void Unsafe_artifact_paths_are_rejected_naming_them(string path)
    {
        Run run = Store.StartRun("training");
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.LogArtifact(run.RunId, path, Text("x")));
        Assert.Equal(path, e.Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.OpenArtifact(run.RunId, path));
        Assert.Empty(Store.ListArtifacts(run.RunId));
    }

    [Fact]
    public void Artifact_paths_that_escape_cannot_be_registered_listed_or_digested()
    {
        Run run = RunWithModel(Store);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.RegisterVersion("pm", run.RunId, "../" + run.RunId));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.ListArtifacts(run.RunId, ".."));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.ArtifactDirectoryDigest(run.RunId, "/"));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidArtifactPath", () => Store.MaterializeRunArtifact(run.RunId, "model/../.."));
    }

    [Fact]
    public void Experiment_names_tags_and_keys_with_path_characters_are_stored_as_data()
    {
        const string name = "../../escape \"quoted\" C:\\x /abs";
        Run run = Store.StartRun(name, "../run name", new Dictionary<string, string> { ["../tag"] = "..\\value", ["/rooted"] = "x" });
        Store.LogParams(run.RunId, new Dictionary<string, string> { ["../param"] = "/etc/passwd" });
        Store.LogMetrics(run.RunId, new[] { new MetricPoint("../metric", 1, 0, default) });

        Run read = Store.GetRun(run.RunId);
        Assert.Equal(name, read.ExperimentName);
        Assert.Equal("../run name", read.RunName);
        Assert.Equal("..\\value", read.Tags["../tag"]);
        Assert.Equal("/etc/passwd", read.Params["../param"]);
        Assert.Equal(1, read.Metrics["../metric"]);
        Assert.Single(Store.GetMetricHistory(run.RunId, "../metric"));
        Assert.Contains(Store.ListExperiments(), e => e.Name == name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    public void Blank_names_and_control_characters_are_rejected(string text)
    {
        Assert.Equal(text, Fails(RetrainErrorKind.InvalidArgument, "InvalidExperimentName", () => Store.GetOrCreateExperiment(text)).Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidExperimentName", () => Store.StartRun(text));
        Run run = Store.StartRun("training");
        Assert.Equal(text, Fails(RetrainErrorKind.InvalidArgument, "InvalidKey", () => Store.SetRunTags(run.RunId, new Dictionary<string, string> { [text] = "v" })).Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidKey", () => Store.LogParams(run.RunId, new Dictionary<string, string> { [text] = "v" }));
        Fails(RetrainErrorKind.InvalidArgument, "InvalidKey", () => Store.LogMetrics(run.RunId, new[] { new MetricPoint(text, 1, 0, default) }));
        Assert.Empty(Store.GetRun(run.RunId).Tags);
    }
}
