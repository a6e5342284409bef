using System.Text.RegularExpressions;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// The rules for names that come from users. Model names, aliases and run ids are a strict, portable alphabet
/// (they appear in URIs and may appear in paths); experiment names and tag/param/metric keys are free text
/// that is only ever stored as data, so they merely may not be empty or hold control characters; artifact
/// paths are relative '/'-separated paths that cannot climb out of their run. Anything else is an
/// InvalidArgument error naming the value.
/// </summary>
public static partial class StoreNames
{
    public const int MaxNameLength = 200;
    public const int MaxKeyLength = 250;
    public const int MaxArtifactPathLength = 1000;

    /// <summary>The run artifact directory a registered model lives in (a version's source is <c>runs:/&lt;id&gt;/model</c>).</summary>
    public const string ModelArtifactDirectory = "model";

    /// <summary>Prefix of the store's own temporary files; no artifact path segment may start with it.</summary>
    internal const string TempPrefix = ".retrain-tmp-";

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();

    /// <summary>What <see cref="IsModelName"/> accepts, as a message says it.</summary>
    public static readonly string ModelNameRule =
        $"use 1-{MaxNameLength} letters, digits, '_', '-' and '.', starting with a letter, digit or '_' (no '..')";

    /// <summary>Letters, digits, '_', '-', '.'; not starting with '.' or '-'; no ".."; at most <see cref="MaxNameLength"/>.</summary>
    public static bool IsModelName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && ModelNamePattern().IsMatch(name) && !name.Contains("..");

    /// <summary>The name when <see cref="IsModelName"/>, else an InvalidArgument error (InvalidModelName) naming it.</summary>
    public static string ValidateModelName(string? name)
    {
        if (!IsModelName(name))
            throw StoreException.Invalid("InvalidModelName", $"Model name '{Show(name)}' is not valid: {ModelNameRule}.", name ?? "");
        return name!;
    }

    /// <summary>Letters, digits, '_', '-'; not starting with '-'; not only digits (that reads as a version).</summary>
    public static string ValidateAlias(string? alias)
    {
        if (string.IsNullOrEmpty(alias) || alias.Length > MaxNameLength || !AliasPattern().IsMatch(alias) || alias.All(char.IsAsciiDigit))
            throw StoreException.Invalid("InvalidAlias",
                $"Alias '{Show(alias)}' is not valid: use 1-{MaxNameLength} letters, digits, '_' and '-', not starting with '-' and not only digits.",
                alias ?? "");
        return alias;
    }

    /// <summary>Run ids are 32 lowercase hex digits (what the store generates).</summary>
    public static string ValidateRunId(string? runId)
    {
        if (runId is null || !RunIdPattern().IsMatch(runId))
            throw StoreException.Invalid("InvalidRunId", $"'{Show(runId)}' is not a run id (32 lowercase hex digits).", runId ?? "");
        return runId;
    }

    public static bool IsRunId(string? runId) => runId is not null && RunIdPattern().IsMatch(runId);

    /// <summary>Experiment names are stored only as data: any text without control characters.</summary>
    public static string ValidateExperimentName(string? name) => ValidateText(name, "InvalidExperimentName", "Experiment name", MaxNameLength);

    /// <summary>Run names are stored only as data, like experiment names, and named as run names in errors.</summary>
    public static string ValidateRunName(string? name) => ValidateText(name, "InvalidRunName", "Run name", MaxNameLength);

    /// <summary>
    /// A run name the engine derives from a model name (<c>import pm</c>, <c>train pm (FastTree)</c>) that always fits
    /// <see cref="MaxNameLength"/>: a model name too long for it is cut and marked with the first 8 hex digits of its
    /// SHA-256, so two long names still give different run names (the run's model_name tag keeps the whole name).
    /// </summary>
    public static string DerivedRunName(string prefix, string modelName, string suffix = "")
    {
        int room = MaxNameLength - prefix.Length - suffix.Length;
        return modelName.Length <= room ? prefix + modelName + suffix : prefix + Cut(modelName, room) + suffix;
    }

    /// <summary>A derived run name cut to <see cref="MaxNameLength"/> the same way (e.g. "models:/… vs models:/…").</summary>
    public static string FitRunName(string name) => name.Length <= MaxNameLength ? name : Cut(name, MaxNameLength);

    private static string Cut(string text, int length)
    {
        string mark = "…" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8].ToLowerInvariant();
        return text[..Math.Max(0, length - mark.Length)] + mark;
    }

    /// <summary>Tag, parameter and metric keys are stored only as data: any text without control characters.</summary>
    public static string ValidateKey(string? key, string what = "Key") => ValidateText(key, "InvalidKey", what, MaxKeyLength);

    /// <summary>
    /// An artifact path relative to its run: '/'-separated, no empty, '.' or '..' segments, not rooted, no '\', ':',
    /// control or Windows-reserved characters, no segment ending in '.' or ' ' or named like a device (CON, NUL…).
    /// Returns it without a trailing '/'. <paramref name="allowRoot"/> accepts "" (the whole run).
    /// </summary>
    public static string ValidateArtifactPath(string? path, bool allowRoot = false)
    {
        if (allowRoot && path is "" or ".")
            return "";
        string normalized = path?.TrimEnd('/') ?? "";
        string? problem = ArtifactPathProblem(path, normalized);
        if (problem is not null)
            throw StoreException.Invalid("InvalidArtifactPath", $"Artifact path '{Show(path)}' is not valid: {problem}.", path ?? "");
        return normalized;
    }

    private static string? ArtifactPathProblem(string? path, string normalized)
    {
        if (string.IsNullOrEmpty(path) || normalized.Length == 0)
            return "it is empty";
        if (path.Length > MaxArtifactPathLength)
            return $"it is longer than {MaxArtifactPathLength} characters";
        if (path.StartsWith('/') || Path.IsPathRooted(path))
            return "it must be relative to the run";
        foreach (string segment in normalized.Split('/'))
        {
            if (segment.Length == 0)
                return "it has an empty segment ('//')";
            if (segment is "." or "..")
                return "'.' and '..' segments are not allowed";
            if (segment.Any(c => char.IsControl(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))
                return "use '/' to separate segments and no control characters or \\ : * ? \" < > |";
            if (segment.EndsWith('.') || segment.EndsWith(' '))
                return "a segment may not end with '.' or ' '";
            if (WindowsReservedNames.Contains(segment.Split('.')[0]))
                return $"'{segment}' is a reserved device name on Windows";
            if (segment.StartsWith(TempPrefix, StringComparison.OrdinalIgnoreCase))
                return $"'{TempPrefix}' is reserved for the store's temporary files";
        }
        return null;
    }

    private static string ValidateText(string? text, string errorId, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Any(char.IsControl))
            throw StoreException.Invalid(errorId,
                $"{what} '{Show(text)}' is not valid: use 1-{maxLength} characters, not only white space, and no control characters.",
                text ?? "");
        return text;
    }

    /// <summary>The value as it can be shown in a message: control characters escaped, long values cut.</summary>
    internal static string Show(string? value)
    {
        if (value is null)
            return "(null)";
        var text = new System.Text.StringBuilder();
        foreach (char c in value.Length > 120 ? value[..120] + "…" : value)
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return text.ToString();
    }
}
