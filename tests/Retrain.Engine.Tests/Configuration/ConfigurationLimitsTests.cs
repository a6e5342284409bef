using Retrain.Engine.Configuration;
using Xunit;

namespace Retrain.Engine.Tests.Configuration;

/// <summary>Hostile configs end in a syntax error naming the line, never in a stack overflow or an unbounded read.</summary>
public class ConfigurationLimitsTests
{
    [Fact]
    public void Flow_lists_nested_past_the_cap_are_a_syntax_error_on_their_line()
    {
        string yaml = "data:\n  feature_columns: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(yaml, ConfigAssert.Source));
        Assert.Equal("ConfigSyntaxError", e.ErrorId);
        Assert.Equal(2, e.Line);
        Assert.Equal("data.feature_columns" + string.Concat(Enumerable.Repeat("[0]", ConfigYamlReader.MaxDepth - 2)), e.Key);
        Assert.StartsWith($"{ConfigAssert.Source} line 2: ", e.Message);
        Assert.Contains($"more than {ConfigYamlReader.MaxDepth} levels", e.Message);
    }

    [Fact]
    public void Block_mappings_nested_past_the_cap_are_refused_at_the_first_line_too_deep()
    {
        var lines = Enumerable.Range(0, 100).Select(i => new string(' ', i) + $"k{i}:");
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(string.Join("\n", lines) + " 1\n", ConfigAssert.Source));
        Assert.Equal("ConfigSyntaxError", e.ErrorId);
        // The root mapping is level 0 on line 1, so the first mapping too deep opens on line MaxDepth + 1.
        Assert.Equal(ConfigYamlReader.MaxDepth + 1, e.Line);
    }

    [Fact]
    public void Nesting_a_real_config_uses_is_read()
    {
        RetrainOptions options = ConfigurationLoader.Parse("data:\n  feature_columns: [s2, s3]\n", ConfigAssert.Source);
        Assert.Equal(new[] { "s2", "s3" }, options.Data.FeatureColumns);
    }

    [Fact]
    public void A_config_file_larger_than_the_cap_is_refused_without_reading_it_all()
    {
        string path = Path.Combine(Path.GetTempPath(), "retrain-big-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            File.WriteAllText(path, "# " + new string('x', ConfigYamlReader.MaxLength + 10) + "\n");
            var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));
            Assert.Equal("ConfigSyntaxError", e.ErrorId);
            Assert.Contains("at most", e.Message);
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
