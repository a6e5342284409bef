using System.Text;
using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

// The resolver against a store: every URI kind, and every way it can name nothing.
public abstract partial class StoreContractTests
{
    [Fact]
    public void Resolves_version_stage_and_alias_uris_to_verified_local_files()
    {
        Register(Store);
        Run run = RunWithModel(Store, content: "weights-2");
        Store.RegisterVersion("pm", run.RunId, "model");
        Store.TransitionStage("pm", 2, ModelStage.Production, true, null);
        Store.SetAlias("pm", "champion", 1, null);

        ResolvedModel byVersion = ModelResolver.Resolve("models:/pm/1", Store);
        Assert.Equal(1, byVersion.Version!.Version);
        Assert.Equal("models:/pm/1", byVersion.Uri);
        Assert.Equal("weights-1", Encoding.UTF8.GetString(byVersion.Files!.Files["model.zip"]));
        Assert.Null(byVersion.LocalFolder);

        ResolvedModel byStage = ModelResolver.Resolve("models:/pm/production", Store);
        Assert.Equal(2, byStage.Version!.Version);
        Assert.Equal("models:/pm/2", byStage.Uri);
        Assert.Equal(ModelUriKind.ModelStage, byStage.Requested.Kind);
        Assert.Equal("weights-2", Encoding.UTF8.GetString(byStage.Files!.Files["model.zip"]));

        ResolvedModel byAlias = ModelResolver.Resolve("models:/pm@champion", Store);
        Assert.Equal(1, byAlias.Version!.Version);
        Assert.Equal(byVersion.Files!.Files["model.zip"], byAlias.Files!.Files["model.zip"]);
    }

    [Fact]
    public void Resolves_run_artifact_uris_to_the_run_files()
    {
        Run run = RunWithModel(Store);
        ResolvedModel folder = ModelResolver.Resolve($"runs:/{run.RunId}/model", Store);
        Assert.Null(folder.Version);
        Assert.Equal($"runs:/{run.RunId}/model", folder.Uri);
        Assert.Equal("weights-1", File.ReadAllText(Path.Combine(folder.LocalFolder!, "model.zip")));

        ResolvedModel file = ModelResolver.Resolve($"runs:/{run.RunId}/model/model.zip", Store);
        Assert.Equal("weights-1", File.ReadAllText(file.LocalPath!));
        Assert.Equal(folder.LocalFolder, file.LocalFolder);

        var e = Fails(RetrainErrorKind.ObjectNotFound, "ArtifactNotFound", () => ModelResolver.Resolve($"runs:/{run.RunId}/nothing", Store));
        Assert.Equal($"runs:/{run.RunId}/nothing", e.Target);
        string unknown = Guid.NewGuid().ToString("N");
        Fails(RetrainErrorKind.ObjectNotFound, "RunNotFound", () => ModelResolver.Resolve($"runs:/{unknown}/model", Store));
    }

    [Fact]
    public void Resolves_plain_paths_that_exist()
    {
        string folder = Path.Combine(Path.GetTempPath(), "retrain-path-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string zip = Path.Combine(folder, "model.zip");
            File.WriteAllText(zip, "x");
            ResolvedModel file = ModelResolver.Resolve(zip, Store);
            Assert.Null(file.Version);
            Assert.Equal(zip, file.LocalPath);
            Assert.Equal(folder, file.LocalFolder);

            ResolvedModel relative = ModelResolver.Resolve("model.zip", Store, folder);
            Assert.Equal(zip, relative.LocalPath);
            Assert.Equal(folder, ModelResolver.Resolve(folder, Store).LocalFolder);

            var e = Fails(RetrainErrorKind.ObjectNotFound, "ModelPathNotFound", () => ModelResolver.Resolve("missing.zip", Store, folder));
            Assert.Equal("missing.zip", e.Target);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Unresolvable_registry_uris_name_the_model_version_stage_or_alias()
    {
        Assert.Equal("models:/ghost", Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => ModelResolver.Resolve("models:/ghost/1", Store)).Target);
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => ModelResolver.Resolve("models:/ghost/Production", Store));
        Fails(RetrainErrorKind.ObjectNotFound, "ModelNotFound", () => ModelResolver.Resolve("models:/ghost@champion", Store));
        Register(Store);

        Assert.Equal("models:/pm/7", Fails(RetrainErrorKind.ObjectNotFound, "ModelVersionNotFound", () => ModelResolver.Resolve("models:/pm/7", Store)).Target);
        var stage = Fails(RetrainErrorKind.ObjectNotFound, "ModelStageNotFound", () => ModelResolver.Resolve("models:/pm/Staging", Store));
        Assert.Equal("models:/pm/Staging", stage.Target);
        Assert.Contains("pm", stage.Message);
        Assert.Contains("Staging", stage.Message);
        Assert.Equal("models:/pm@gone", Fails(RetrainErrorKind.ObjectNotFound, "ModelAliasNotFound", () => ModelResolver.Resolve("models:/pm@gone", Store)).Target);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidModelUri", () => ModelResolver.Resolve("models:/pm/Prod", Store));
    }
}
