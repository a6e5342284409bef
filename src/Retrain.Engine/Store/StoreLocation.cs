namespace Retrain.Engine.Store;

/// <summary>Where the store's URI came from, so a user can tell why commands write where they do.</summary>
public enum StoreOrigin : long
{
    /// <summary>store.uri of the configuration file (its default, file:./.retrain, relative to the file).</summary>
    ConfigFile,

    /// <summary>RETRAIN_STORE_URI, which overrides any configuration.</summary>
    EnvironmentVariable,

    /// <summary>No configuration file and no RETRAIN_STORE_URI: the per-user data folder (<see cref="UserDataFolder"/>).</summary>
    UserDefault,
}

/// <summary>The store a command uses: its URI as given, the backend, the resolved location and where the URI came from.</summary>
public sealed class StoreLocation
{
    public required string Uri { get; init; }

    /// <summary>The backend's scheme: <c>file</c> (later <c>postgresql</c>).</summary>
    public required string Backend { get; init; }

    /// <summary>The full path of the store folder (file store).</summary>
    public required string Location { get; init; }

    public required StoreOrigin Origin { get; init; }

    /// <summary>The configuration file in effect, or null for the built-in defaults.</summary>
    public string? ConfigPath { get; init; }

    public override string ToString() => $"{Location} ({Origin})";
}
