namespace Retrain.Engine.Store;

/// <summary>
/// The per-user store folder used when there is no configuration file and no RETRAIN_STORE_URI: the platform's local
/// application-data folder, so scheduled tasks started from different folders share one history.
/// Windows: %LOCALAPPDATA%\Retrain; macOS: ~/Library/Application Support/Retrain; Linux and others:
/// $XDG_DATA_HOME/retrain, else ~/.local/share/retrain (the XDG base directory rules: a relative XDG_DATA_HOME is ignored).
/// </summary>
public static class UserDataFolder
{
    /// <summary>The folder for this process's platform and environment.</summary>
    public static string Current() =>
        Resolve(OperatingSystem.IsWindows() ? PlatformKind.Windows : OperatingSystem.IsMacOS() ? PlatformKind.MacOS : PlatformKind.Unix,
            Environment.GetEnvironmentVariable);

    /// <summary>The platform's rule applied to an environment given as a lookup (injected so every platform's rule is testable anywhere).</summary>
    public static string Resolve(PlatformKind platform, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;
        switch (platform)
        {
            case PlatformKind.Windows:
                // Windows paths are joined by hand: this code may run (and be tested) on a platform whose separator is '/'.
                string? local = Get("LOCALAPPDATA") ?? (Get("USERPROFILE") is { } profile ? JoinWindows(profile, @"AppData\Local") : null);
                return local is null ? throw NoFolder("LOCALAPPDATA") : JoinWindows(local, "Retrain");
            case PlatformKind.MacOS:
                return Path.Combine(Home(Get), "Library", "Application Support", "Retrain");
            default:
                string? xdg = Get("XDG_DATA_HOME");
                string data = xdg is not null && xdg.StartsWith('/') ? xdg : Path.Combine(Home(Get), ".local", "share");
                return Path.Combine(data, "retrain");
        }
    }

    private static string Home(Func<string, string?> get) => get("HOME") ?? throw NoFolder("HOME");

    private static string JoinWindows(string folder, string child) => folder.TrimEnd('\\', '/') + @"\" + child;

    private static StoreException NoFolder(string variable) => new("StoreUserFolderUnknown", RetrainErrorKind.InvalidConfiguration,
        $"There is no configuration file and no RETRAIN_STORE_URI, and the per-user data folder is unknown ({variable} is not set). " +
        "Set RETRAIN_STORE_URI (e.g. file:/var/lib/retrain) or give -ConfigPath with store.uri.", variable);
}

/// <summary>The platform families whose per-user folder rules differ.</summary>
public enum PlatformKind
{
    Unix,
    Windows,
    MacOS,
}
