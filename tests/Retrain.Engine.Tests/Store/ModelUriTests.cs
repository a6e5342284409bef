using Retrain.Engine.Registry;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

/// <summary>The model URI parser: every accepted form, and bad syntax as an InvalidArgument error naming the URI.</summary>
public sealed class ModelUriTests
{
    [Theory]
    [InlineData("models:/pm/3", "pm", 3)]
    [InlineData("models:/predictive_maintenance_model/12", "predictive_maintenance_model", 12)]
    [InlineData("MODELS:/pm.v2-x/1", "pm.v2-x", 1)]
    public void Parses_version_uris(string uri, string name, int version)
    {
        ModelUri parsed = ModelUri.Parse(uri);
        Assert.Equal((ModelUriKind.ModelVersion, name, version), (parsed.Kind, parsed.ModelName, parsed.Version!.Value));
        Assert.Equal($"models:/{name}/{version}", parsed.ToString());
        Assert.Equal(uri, parsed.Original);
    }

    [Theory]
    [InlineData("models:/pm/Production", ModelStage.Production)]
    [InlineData("models:/pm/production", ModelStage.Production)]
    [InlineData("models:/pm/STAGING", ModelStage.Staging)]
    [InlineData("models:/pm/archived", ModelStage.Archived)]
    [InlineData("models:/pm/None", ModelStage.None)]
    public void Parses_stage_uris_in_any_case(string uri, ModelStage stage)
    {
        ModelUri parsed = ModelUri.Parse(uri);
        Assert.Equal((ModelUriKind.ModelStage, "pm", stage), (parsed.Kind, parsed.ModelName, parsed.Stage!.Value));
        Assert.Equal($"models:/pm/{stage}", parsed.ToString());
    }

    [Fact]
    public void Parses_alias_and_run_uris()
    {
        ModelUri alias = ModelUri.Parse("models:/pm@champion");
        Assert.Equal((ModelUriKind.ModelAlias, "pm", "champion"), (alias.Kind, alias.ModelName, alias.Alias));

        string id = new('a', 32);
        ModelUri run = ModelUri.Parse($"runs:/{id}/model/model.zip");
        Assert.Equal((ModelUriKind.RunArtifact, id, "model/model.zip"), (run.Kind, run.RunId, run.ArtifactPath));
        Assert.Equal($"runs:/{id}/model", ModelUri.Parse($"runs:/{id}/model/").ToString());
    }

    [Theory]
    [InlineData("model.zip")]
    [InlineData("./models/pm/model.zip")]
    [InlineData("../elsewhere/model")]
    [InlineData("/opt/models/pm")]
    [InlineData("C:\\models\\pm\\model.zip")]
    [InlineData("C:/models/pm")]
    [InlineData("d:model.zip")]
    [InlineData("\\\\server\\share\\model.zip")]
    [InlineData("name:with-colon.zip")]
    public void Anything_without_a_scheme_is_a_path(string uri)
    {
        ModelUri parsed = ModelUri.Parse(uri);
        Assert.Equal(ModelUriKind.Path, parsed.Kind);
        Assert.Equal(uri, parsed.Path);
        Assert.Null(parsed.ModelName);
    }

    [Fact]
    public void A_file_uri_is_a_path()
    {
        ModelUri parsed = ModelUri.Parse("file:///opt/models/pm");
        Assert.Equal(ModelUriKind.Path, parsed.Kind);
        Assert.Equal("/opt/models/pm", parsed.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("models:/")]
    [InlineData("models:pm/1")]
    [InlineData("models:/pm")]
    [InlineData("models:/pm/")]
    [InlineData("models:/pm/0")]
    [InlineData("models:/pm/-1")]
    [InlineData("models:/pm/1.5")]
    [InlineData("models:/pm/99999999999")]
    [InlineData("models:/pm/Prod")]
    [InlineData("models:/pm/1/extra")]
    [InlineData("models:/../pm/1")]
    [InlineData("models:/pm/../1")]
    [InlineData("models://pm/1")]
    [InlineData("models:/pm@")]
    [InlineData("models:/@champion")]
    [InlineData("models:/pm@champ/ion")]
    [InlineData("models:/pm@a@b")]
    [InlineData("models:/p m/1")]
    [InlineData("runs:/")]
    [InlineData("runs:/not-a-run-id/model")]
    [InlineData("runs:/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("runs:/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("runs:/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/../../etc/passwd")]
    [InlineData("runs:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/model")]
    [InlineData("s3://bucket/model")]
    [InlineData("https://example.com/model.zip")]
    public void Bad_syntax_is_an_invalid_argument_naming_the_uri(string uri)
    {
        var e = Fails(RetrainErrorKind.InvalidArgument, "InvalidModelUri", () => ModelUri.Parse(uri));
        Assert.Equal(uri, e.Target);
        Assert.False(ModelUri.TryParse(uri, out _));
    }
}
