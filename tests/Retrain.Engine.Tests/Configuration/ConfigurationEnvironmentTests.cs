using Retrain.Engine.Configuration;
using Xunit;

namespace Retrain.Engine.Tests.Configuration;

/// <summary>Tests that set environment variables, which are process-wide: they never run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}

[Collection(EnvironmentCollection.Name)]
public class ConfigurationEnvironmentTests
{
    /// <summary>Sets variables for the duration of a test and restores what was there before.</summary>
    internal sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new();

        public EnvironmentScope Set(string name, string? value)
        {
            if (!_saved.ContainsKey(name))
                _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
            return this;
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static EnvironmentScope Clean() =>
        new EnvironmentScope().Set("RETRAIN_CONFIG", null).Set("RETRAIN_STORE_URI", null);

    // ---- env:NAME values ----

    [Fact]
    public void EnvValue_IsReplacedByTheVariable()
    {
        using var env = Clean().Set("RETRAIN_TEST_HOOK", "https://hooks.example.com/secret-token")
            .Set("RETRAIN_TEST_MIN_SAMPLES", "250").Set("RETRAIN_TEST_COLUMN", "s7");
        var o = ConfigurationLoader.Parse(
            "alerts:\n  webhook_url: env:RETRAIN_TEST_HOOK\ndrift_detection:\n  min_samples: \"env:RETRAIN_TEST_MIN_SAMPLES\"\ndata:\n  feature_columns: [s2, env:RETRAIN_TEST_COLUMN]\n",
            ConfigAssert.Source);
        Assert.Equal("https://hooks.example.com/secret-token", o.Alerts.WebhookUrl);
        Assert.Equal(250, o.DriftDetection.MinSamples);
        Assert.Equal(new[] { "s2", "s7" }, o.Data.FeatureColumns);
    }

    [Fact]
    public void EnvValue_MissingVariable_NamesKeyLineAndVariable()
    {
        using var env = Clean().Set("RETRAIN_TEST_UNSET", null);
        var e = ConfigAssert.Fails("alerts:\n  enabled: true\n  webhook_url: env:RETRAIN_TEST_UNSET\n",
            "alerts.webhook_url", 3, "ConfigEnvironmentVariableNotSet");
        Assert.Contains("'RETRAIN_TEST_UNSET'", e.Message);
    }

    [Fact]
    public void EnvValue_MissingVariableInAList_NamesTheItem()
    {
        using var env = Clean().Set("RETRAIN_TEST_UNSET", null);
        var e = ConfigAssert.Fails("alerts:\n  on:\n    - drift\n    - env:RETRAIN_TEST_UNSET\n",
            "alerts.on[1]", 4, "ConfigEnvironmentVariableNotSet");
        Assert.Contains("RETRAIN_TEST_UNSET", e.Message);
    }

    [Fact]
    public void EnvValue_ThatIsInvalid_IsReportedWithoutPrintingTheSecret()
    {
        using var env = Clean().Set("RETRAIN_TEST_HOOK", "not-a-url-but-a-secret");
        var e = ConfigAssert.Fails("alerts:\n  webhook_url: env:RETRAIN_TEST_HOOK\n", "alerts.webhook_url", 2, "ConfigInvalidValue");
        Assert.Contains("env:RETRAIN_TEST_HOOK", e.Message);
        Assert.DoesNotContain("not-a-url-but-a-secret", e.Message);
    }

    [Fact]
    public void EnvValue_OfTheWrongType_NamesTheReferenceNotTheValue()
    {
        using var env = Clean().Set("RETRAIN_TEST_MIN_SAMPLES", "many");
        var e = ConfigAssert.Fails("drift_detection:\n  min_samples: env:RETRAIN_TEST_MIN_SAMPLES\n",
            "drift_detection.min_samples", 2, "ConfigWrongType");
        Assert.Contains("env:RETRAIN_TEST_MIN_SAMPLES", e.Message);
    }

    [Fact]
    public void TextThatOnlyLooksLikeEnv_IsKept()
    {
        using var env = Clean();
        var o = ConfigurationLoader.Parse("store:\n  uri: \"env: not a variable\"\n", ConfigAssert.Source);
        Assert.Equal("env: not a variable", o.Store.Uri);
    }

    // ---- Resolve ----

    [Fact]
    public void Resolve_NothingSet_GivesTheDefaults_WithThePerUserStore()
    {
        using var env = Clean();
        var o = ConfigurationLoader.Resolve(null);
        Assert.Null(o.SourcePath);
        Assert.Equal(Retrain.Engine.Store.StoreOrigin.UserDefault, o.Store.Origin);
    }

    [Fact]
    public void Resolve_PathWinsOverRetrainConfig()
    {
        string dir = Directory.CreateTempSubdirectory("retrain-config-").FullName;
        try
        {
            string given = Path.Combine(dir, "given.yaml");
            string fromEnv = Path.Combine(dir, "env.yaml");
            File.WriteAllText(given, "drift_detection:\n  psi_bins: 5\n");
            File.WriteAllText(fromEnv, "drift_detection:\n  psi_bins: 7\n");
            using var env = Clean().Set("RETRAIN_CONFIG", fromEnv);

            var o = ConfigurationLoader.Resolve(given);
            Assert.Equal(5, o.DriftDetection.PsiBins);
            Assert.Equal(given, o.SourcePath);

            var fromVariable = ConfigurationLoader.Resolve(null);
            Assert.Equal(7, fromVariable.DriftDetection.PsiBins);
            Assert.Equal(fromEnv, fromVariable.SourcePath);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Resolve_RetrainConfigNamingAMissingFile_IsAnError()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"retrain-missing-{Guid.NewGuid():N}.yaml");
        using var env = Clean().Set("RETRAIN_CONFIG", missing);
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Resolve(null));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Resolve_RetrainStoreUri_OverridesTheDefaults()
    {
        using var env = Clean().Set("RETRAIN_STORE_URI", "file:/srv/retrain");
        Assert.Equal("file:/srv/retrain", ConfigurationLoader.Resolve(null).Store.Uri);
    }

    [Fact]
    public void Resolve_RetrainStoreUri_OverridesTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("retrain-config-").FullName;
        try
        {
            string path = Path.Combine(dir, "retrain_config.yaml");
            File.WriteAllText(path, "store:\n  uri: file:./from-file\n");
            using (Clean())
                Assert.Equal("file:./from-file", ConfigurationLoader.Resolve(path).Store.Uri);
            using (Clean().Set("RETRAIN_STORE_URI", "file:/srv/override"))
                Assert.Equal("file:/srv/override", ConfigurationLoader.Resolve(path).Store.Uri);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Resolve_DoesNotChangeLoadOrParse()
    {
        using var env = Clean().Set("RETRAIN_STORE_URI", "file:/srv/override");
        Assert.Equal("file:./.retrain", ConfigurationLoader.Defaults().Store.Uri);
        Assert.Equal("file:./.retrain", ConfigurationLoader.Parse("", ConfigAssert.Source).Store.Uri);
    }
}
