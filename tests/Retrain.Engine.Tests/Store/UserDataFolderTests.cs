using Retrain.Engine.Configuration;
using Retrain.Engine.Tests.Configuration;
using EnvironmentScope = Retrain.Engine.Tests.Configuration.ConfigurationEnvironmentTests.EnvironmentScope;
using Retrain.Engine.Store;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

/// <summary>The per-user store folder used without a configuration file or RETRAIN_STORE_URI, for every platform's rule.</summary>
public sealed class UserDataFolderTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Windows_uses_LOCALAPPDATA()
    {
        Assert.Equal(@"C:\Users\ops\AppData\Local\Retrain",
            UserDataFolder.Resolve(PlatformKind.Windows, Env(("LOCALAPPDATA", @"C:\Users\ops\AppData\Local"), ("USERPROFILE", @"D:\elsewhere"))));
        Assert.Equal(@"C:\Users\ops\AppData\Local\Retrain", UserDataFolder.Resolve(PlatformKind.Windows, Env(("LOCALAPPDATA", @"C:\Users\ops\AppData\Local\"))));
    }

    [Fact]
    public void Windows_without_LOCALAPPDATA_falls_back_to_the_profile_and_else_says_what_to_set()
    {
        Assert.Equal(@"C:\Users\svc\AppData\Local\Retrain", UserDataFolder.Resolve(PlatformKind.Windows, Env(("USERPROFILE", @"C:\Users\svc"))));
        var e = Fails(RetrainErrorKind.InvalidConfiguration, "StoreUserFolderUnknown", () => UserDataFolder.Resolve(PlatformKind.Windows, Env()));
        Assert.Contains("LOCALAPPDATA", e.Message);
        Assert.Contains("RETRAIN_STORE_URI", e.Message);
    }

    [Fact]
    public void Linux_honours_an_absolute_XDG_DATA_HOME_and_else_uses_local_share()
    {
        Assert.Equal(Path.Combine("/data/ops", "retrain"), UserDataFolder.Resolve(PlatformKind.Unix, Env(("XDG_DATA_HOME", "/data/ops"), ("HOME", "/home/ops"))));
        Assert.Equal(Path.Combine("/home/ops", ".local", "share", "retrain"), UserDataFolder.Resolve(PlatformKind.Unix, Env(("HOME", "/home/ops"))));
        // The XDG base directory spec: a relative XDG_DATA_HOME is invalid and ignored.
        Assert.Equal(Path.Combine("/home/ops", ".local", "share", "retrain"),
            UserDataFolder.Resolve(PlatformKind.Unix, Env(("XDG_DATA_HOME", "relative/data"), ("HOME", "/home/ops"))));
        Fails(RetrainErrorKind.InvalidConfiguration, "StoreUserFolderUnknown", () => UserDataFolder.Resolve(PlatformKind.Unix, Env()));
    }

    [Fact]
    public void MacOS_uses_application_support()
    {
        Assert.Equal(Path.Combine("/Users/ops", "Library", "Application Support", "Retrain"), UserDataFolder.Resolve(PlatformKind.MacOS, Env(("HOME", "/Users/ops"))));
    }
}

/// <summary>Which store a command uses, from the process environment (so never in parallel with other environment tests).</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class DefaultStoreLocationTests
{
    [Fact]
    public void Without_a_file_or_RETRAIN_STORE_URI_the_store_is_the_per_user_folder_not_the_current_one()
    {
        using var env = new EnvironmentScope().Set("RETRAIN_CONFIG", null).Set("RETRAIN_STORE_URI", null);
        RetrainOptions options = ConfigurationLoader.Resolve(null);
        Assert.Equal(StoreOrigin.UserDefault, options.Store.Origin);
        StoreLocation location = StoreFactory.Locate(options.Store, "/some/working/folder");
        Assert.Equal(UserDataFolder.Current(), location.Location);
        Assert.Equal("file:" + UserDataFolder.Current(), location.Uri);
        Assert.Equal("file", location.Backend);
        Assert.Null(location.ConfigPath);
    }

    [Fact]
    public void With_a_file_the_store_is_relative_to_it_and_RETRAIN_STORE_URI_wins_over_both()
    {
        string dir = Directory.CreateTempSubdirectory("retrain-config-").FullName;
        try
        {
            string path = Path.Combine(dir, "retrain_config.yaml");
            File.WriteAllText(path, "drift_detection:\n  psi_bins: 5\n");
            using (new EnvironmentScope().Set("RETRAIN_CONFIG", null).Set("RETRAIN_STORE_URI", null))
            {
                RetrainOptions options = ConfigurationLoader.Resolve(path);
                StoreLocation location = StoreFactory.Locate(options.Store, options.BaseDirectory, options.SourcePath);
                Assert.Equal(StoreOrigin.ConfigFile, location.Origin);
                Assert.Equal(Path.Combine(dir, ".retrain"), location.Location);
                Assert.Equal(path, location.ConfigPath);
            }
            using (new EnvironmentScope().Set("RETRAIN_CONFIG", null).Set("RETRAIN_STORE_URI", "file:/srv/retrain"))
            {
                foreach (string? file in new[] { path, null })
                {
                    RetrainOptions options = ConfigurationLoader.Resolve(file);
                    StoreLocation location = StoreFactory.Locate(options.Store, options.BaseDirectory);
                    Assert.Equal(StoreOrigin.EnvironmentVariable, location.Origin);
                    Assert.Equal(Path.GetFullPath("/srv/retrain"), location.Location);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
