using Retrain.Engine.Store;
using Xunit;

namespace Retrain.Engine.Tests.Store;

/// <summary>Issue 13 item 9: run names the engine derives from a valid model name are valid run names too.</summary>
public sealed class DerivedRunNameTests
{
    [Fact]
    public void A_short_model_name_is_kept_whole()
    {
        Assert.Equal("train pm (FastTree)", StoreNames.DerivedRunName("train ", "pm", " (FastTree)"));
        Assert.Equal("a vs b", StoreNames.FitRunName("a vs b"));
    }

    [Theory]
    [InlineData(183)]
    [InlineData(188)]
    [InlineData(200)]
    public void A_model_name_up_to_the_limit_gives_a_run_name_that_fits_and_keeps_its_ends(int length)
    {
        string name = new string('m', length - 1) + "x";
        Assert.True(StoreNames.IsModelName(name));
        foreach (string runName in new[] { StoreNames.DerivedRunName("train ", name, " (LightGbm)"), StoreNames.DerivedRunName("import ", name) })
        {
            Assert.True(runName.Length <= StoreNames.MaxNameLength, runName);
            Assert.Equal(runName, StoreNames.ValidateRunName(runName));
        }
        Assert.EndsWith(" (LightGbm)", StoreNames.DerivedRunName("train ", name, " (LightGbm)"));
        string comparison = StoreNames.FitRunName($"models:/{name}/2 vs models:/{name}/1");
        Assert.Equal(StoreNames.MaxNameLength, comparison.Length);
    }

    [Fact]
    public void Two_long_names_that_share_their_start_give_different_run_names()
    {
        string a = new string('m', 199) + "a", b = new string('m', 199) + "b";
        Assert.NotEqual(StoreNames.DerivedRunName("import ", a), StoreNames.DerivedRunName("import ", b));
    }

    [Fact]
    public void A_bad_run_name_is_named_as_a_run_name()
    {
        var e = Assert.Throws<StoreException>(() => StoreNames.ValidateRunName("a\nb"));
        Assert.Equal("InvalidRunName", e.ErrorId);
        Assert.StartsWith("Run name 'a\\u000ab'", e.Message);
    }
}
