using Retrain.Engine.Configuration;
using Xunit;

namespace Retrain.Engine.Tests.Configuration;

/// <summary>Shared helpers: parse text that must fail, and check the error names key and line.</summary>
internal static class ConfigAssert
{
    public const string Source = "test.yaml";

    public static ConfigurationException Fails(string yaml, string? key, int line, string errorId)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(yaml, Source));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(RetrainErrorKind.InvalidConfiguration, e.Kind);
        Assert.Equal(Source, e.SourceName);
        Assert.Equal(key, e.Key);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{Source} line {line}: ", e.Message);
        if (key is not null)
            Assert.Contains(key, e.Message);
        return e;
    }

    /// <summary>The folder holding Retrain.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Retrain.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Retrain.sln above {AppContext.BaseDirectory}.");
    }

    public static string ShippedConfigPath() => Path.Combine(RepositoryRoot(), "config", "retrain_config.yaml");
}
