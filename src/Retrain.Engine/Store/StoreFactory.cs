using Retrain.Engine.Configuration;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>Opens the store named by <c>store.uri</c> (or RETRAIN_STORE_URI, or the per-user folder): <c>file:&lt;folder&gt;</c> now; PostgreSQL comes later.</summary>
public static class StoreFactory
{
    /// <param name="options">The <c>store</c> section: <c>uri</c>, optional <c>artifacts</c> folder, <c>lock_timeout_seconds</c>.</param>
    /// <param name="baseDirectory">What relative folders are relative to (the config file's folder).</param>
    public static IRetrainStore Open(StoreOptions options, string baseDirectory)
    {
        StoreLocation location = Locate(options, baseDirectory);
        string? artifacts = string.IsNullOrWhiteSpace(options.Artifacts) ? null : FolderOf(options.Artifacts.Trim(), baseDirectory, "store.artifacts");
        return new FileRetrainStore(location.Location, artifacts) { LockTimeout = TimeSpan.FromSeconds(options.LockTimeoutSeconds) };
    }

    /// <summary>
    /// Which store <see cref="Open"/> would open, without opening it: the URI in effect (the per-user folder's for
    /// <see cref="StoreOrigin.UserDefault"/>), the backend, the resolved folder and where the URI came from.
    /// </summary>
    /// <param name="options">The <c>store</c> section, with its <see cref="StoreOptions.Origin"/>.</param>
    /// <param name="baseDirectory">What a relative folder is relative to.</param>
    /// <param name="configPath">The configuration file in effect, recorded in the result (null: the built-in defaults).</param>
    public static StoreLocation Locate(StoreOptions options, string baseDirectory, string? configPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        string uri = options.Origin == StoreOrigin.UserDefault ? "file:" + UserDataFolder.Current() : options.Uri?.Trim() ?? "";
        if (uri.Length == 0)
            throw Invalid("StoreUriMissing", "store.uri is empty; use file:<folder> (e.g. file:./.retrain).", "store.uri");

        string key = options.Origin == StoreOrigin.EnvironmentVariable ? Configuration.ConfigurationLoader.StoreUriEnvironmentVariable : "store.uri";
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new StoreLocation { Uri = uri, Backend = "file", Location = FolderOf(uri, baseDirectory, key), Origin = options.Origin, ConfigPath = configPath };

        string scheme = SchemeOf(uri);
        if (scheme is "postgresql" or "postgres" || uri.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            throw new StoreException("StoreSchemeNotSupported", RetrainErrorKind.InvalidConfiguration,
                $"{key} '{Redact(uri)}' names a PostgreSQL store; the PostgreSQL backend comes later. Use file:<folder> for now.", scheme.Length > 0 ? scheme : "postgresql");
        throw new StoreException("StoreSchemeNotSupported", RetrainErrorKind.InvalidConfiguration,
            $"{key} '{Redact(uri)}' is not a supported store (scheme '{scheme}'); use file:<folder> (e.g. file:./.retrain).", scheme.Length > 0 ? scheme : Redact(uri));
    }

    /// <summary>A folder from <c>file:&lt;path&gt;</c>, <c>file:///abs/path</c> or a plain path, relative to the base directory.</summary>
    private static string FolderOf(string value, string baseDirectory, string key)
    {
        string path = value;
        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? parsed) || !parsed.IsFile)
                throw Invalid("InvalidStoreUri", $"{key} '{value}' is not a valid file URI; use file:<folder> or file:///<absolute folder>.", key);
            path = parsed.LocalPath;
        }
        else if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = value["file:".Length..];
        }
        if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl))
            throw Invalid("InvalidStoreUri", $"{key} '{StoreNames.Show(value)}' names no folder; use file:<folder> (e.g. file:./.retrain).", key);
        return Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static string SchemeOf(string uri)
    {
        int colon = uri.IndexOf(':');
        return colon > 1 && uri[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? uri[..colon].ToLowerInvariant() : "";
    }

    /// <summary>The URI without a password (user:password@ or Password=...), safe for messages.</summary>
    private static string Redact(string uri)
    {
        string text = System.Text.RegularExpressions.Regex.Replace(uri, @"(?<=://[^/@:]*:)[^/@]*(?=@)", "***");
        return System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");
    }

    private static StoreException Invalid(string errorId, string message, string target) =>
        new(errorId, RetrainErrorKind.InvalidConfiguration, message, target);
}
