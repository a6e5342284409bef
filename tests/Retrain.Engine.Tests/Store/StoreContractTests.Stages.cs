using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

// "No version in that stage" is one error from one code path, whoever asks.
public abstract partial class StoreContractTests
{
    [Fact]
    public void No_production_version_is_one_error_id_from_the_store_and_the_resolver()
    {
        Register(Store);
        var direct = Fails(RetrainErrorKind.ObjectNotFound, "NoProductionVersion", () => Store.RequireVersionInStage("pm", ModelStage.Production));
        var resolved = Fails(RetrainErrorKind.ObjectNotFound, "NoProductionVersion", () => ModelResolver.Resolve("models:/pm/Production", Store));
        Assert.Equal("models:/pm/Production", direct.Target);
        Assert.Equal(direct.Message, resolved.Message);
        Assert.Equal(1, Store.RequireVersionInStage("pm", ModelStage.None).Version);
    }
}
