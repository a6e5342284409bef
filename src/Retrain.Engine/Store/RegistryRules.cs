using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// What every registry backend does the same way, so a backend only stores and loads: the event format and the
/// actions a reader knows, version numbering, who/where/when of an event, and the SHA-256 check of a version's files.
/// </summary>
public static class RegistryRules
{
    /// <summary>
    /// The registry event format this Retrain writes on every event (<c>format</c>). A reader meets an older line
    /// without one as format 1; a newer format, or an action it does not know, means a newer Retrain wrote the store.
    /// </summary>
    public const int EventFormat = 1;

    public static readonly IReadOnlySet<string> KnownActions = new HashSet<string>(StringComparer.Ordinal)
    {
        RegistryActions.RegisterVersion, RegistryActions.TransitionStage, RegistryActions.SetAlias,
        RegistryActions.DeleteAlias, RegistryActions.UpdateVersion,
    };

    /// <summary>
    /// Refuses an event this Retrain cannot read as written by a newer one (StoreFormatTooNew), not as damage;
    /// <paramref name="where"/> names the store file or table and the line or row.
    /// </summary>
    public static void CheckReadable(int? format, string action, string where, string target)
    {
        int written = format ?? 1;
        if (written <= EventFormat && KnownActions.Contains(action))
            return;
        string what = written > EventFormat ? $"event format {written}" : $"the action '{StoreNames.Show(action)}' (format {written})";
        throw new StoreException("StoreFormatTooNew", RetrainErrorKind.InvalidOperation,
            $"This store was written by a newer Retrain (format {written}); upgrade the module. ({where} uses {what}; this module reads format {EventFormat}.)",
            target);
    }

    /// <summary>Versions are numbered 1, 2, 3… per model without gaps.</summary>
    public static int NextVersion(int latestVersion) => latestVersion + 1;

    /// <summary>Who, where and when of an event, as every backend records them.</summary>
    public static (DateTimeOffset Timestamp, string User, string Machine) Stamp() =>
        (DateTimeOffset.UtcNow, Environment.UserName, Environment.MachineName);

    /// <summary>
    /// The check before a version's files are handed out: their digest now (from <paramref name="actual"/>, path →
    /// SHA-256) must equal the one recorded at registration, and so must the caller's copy of it when given; otherwise a
    /// SecurityError (ArtifactTampered) naming the version and the first file that differs.
    /// </summary>
    public static void VerifyArtifacts(ModelVersion registered, IReadOnlyDictionary<string, string> registeredFiles,
        IReadOnlyDictionary<string, string> actual, string? claimedDigest)
    {
        string digest = ArtifactDigest.Compute(actual);
        if (digest == registered.ArtifactSha256 && (claimedDigest is not { Length: > 0 } || claimedDigest == registered.ArtifactSha256))
            return;
        string uri = $"models:/{registered.Name}/{registered.Version}";
        string? file = ArtifactDigest.FirstDifference(registeredFiles, actual);
        string which = file is null ? "" : $" (file '{file}' {(actual.ContainsKey(file) ? registeredFiles.ContainsKey(file) ? "changed" : "was added" : "is missing")})";
        throw new StoreException("ArtifactTampered", RetrainErrorKind.SecurityError,
            $"The files of {uri} do not match the SHA-256 recorded at registration{which}: expected {registered.ArtifactSha256}, found {digest}. " +
            "The model was not loaded; re-register it from a trusted run or restore its files.",
            file is null ? uri : $"{uri}/{file}");
    }
}
