namespace Retrain.Engine.Configuration;

/// <summary>
/// Loads <c>retrain_config.yaml</c> into <see cref="RetrainOptions"/> and validates it once.
/// Every error is a <see cref="ConfigurationException"/> naming the source, the dotted key and the line.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Environment variable naming the configuration file when no path is given.</summary>
    public const string ConfigEnvironmentVariable = "RETRAIN_CONFIG";

    /// <summary>Environment variable that, when set, overrides <c>store.uri</c>.</summary>
    public const string StoreUriEnvironmentVariable = "RETRAIN_STORE_URI";

    private const string DefaultsSource = "built-in defaults";

    /// <summary>Reads and validates a configuration file; <see cref="RetrainOptions.SourcePath"/> is its full path.</summary>
    public static RetrainOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw ConfigurationException.At("ConfigFileNotFound", path, null, null,
                $"configuration file not found (looked for '{fullPath}').", RetrainErrorKind.ObjectNotFound);

        string yaml;
        try
        {
            // Bounded: a config that never ends (a device, a huge file) is refused, not read into memory.
            using var reader = new StreamReader(fullPath);
            var text = new System.Text.StringBuilder();
            char[] chunk = new char[8192];
            int read;
            while (text.Length <= ConfigYamlReader.MaxLength && (read = reader.Read(chunk, 0, chunk.Length)) > 0)
                text.Append(chunk, 0, read);
            yaml = text.ToString();
        }
        catch (UnauthorizedAccessException e)
        {
            throw ConfigurationException.At("ConfigFileUnreadable", path, null, null, $"cannot read the configuration file: {e.Message}", RetrainErrorKind.SecurityError, e);
        }
        catch (IOException e)
        {
            throw ConfigurationException.At("ConfigFileUnreadable", path, null, null, $"cannot read the configuration file: {e.Message}", RetrainErrorKind.ResourceUnavailable, e);
        }

        RetrainOptions options = Parse(yaml, path);
        options.SourcePath = fullPath;
        return options;
    }

    /// <summary>
    /// Parses and validates YAML text; <paramref name="sourceName"/> (a file name or description) starts every message.
    /// Keys the text leaves out keep their defaults; empty text gives the defaults.
    /// </summary>
    public static RetrainOptions Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        string source = string.IsNullOrWhiteSpace(sourceName) ? "configuration" : sourceName;
        ConfigNode? root = ConfigYamlReader.Read(yaml, source);
        RetrainOptions options = OptionsBinder.Bind(root, source, out KeyLocations locations);
        OptionsValidator.Validate(options, source, locations);
        return options;
    }

    /// <summary>The built-in defaults (what an empty file gives), validated.</summary>
    public static RetrainOptions Defaults()
    {
        var options = new RetrainOptions();
        OptionsValidator.Validate(options, DefaultsSource, new KeyLocations());
        return options;
    }

    /// <summary>
    /// The configuration a command should use: <paramref name="path"/> when given, else the file named by
    /// <c>RETRAIN_CONFIG</c> when set, else the defaults. <c>RETRAIN_STORE_URI</c>, when set, then overrides <c>store.uri</c>;
    /// with neither a file nor the variable the store is the per-user data folder, not a folder of the current location
    /// (scheduled tasks started from different folders would split their history). <see cref="StoreOptions.Origin"/> says which.
    /// </summary>
    public static RetrainOptions Resolve(string? path)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
        RetrainOptions options =
            !string.IsNullOrWhiteSpace(path) ? Load(path)
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? Load(fromEnvironment)
            : Defaults();

        string? storeUri = Environment.GetEnvironmentVariable(StoreUriEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(storeUri))
        {
            options.Store.Uri = storeUri;
            options.Store.Origin = Store.StoreOrigin.EnvironmentVariable;
        }
        else
        {
            options.Store.Origin = options.SourcePath is null ? Store.StoreOrigin.UserDefault : Store.StoreOrigin.ConfigFile;
        }
        return options;
    }
}
