using System.Globalization;
using System.Text.RegularExpressions;
using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>What a <see cref="ModelUri"/> names.</summary>
public enum ModelUriKind
{
    /// <summary><c>models:/&lt;name&gt;/&lt;version&gt;</c></summary>
    ModelVersion,

    /// <summary><c>models:/&lt;name&gt;/&lt;Stage&gt;</c> (the latest version in that stage)</summary>
    ModelStage,

    /// <summary><c>models:/&lt;name&gt;@&lt;alias&gt;</c></summary>
    ModelAlias,

    /// <summary><c>runs:/&lt;run-id&gt;/&lt;artifact-path&gt;</c></summary>
    RunArtifact,

    /// <summary>A plain file or folder path (also <c>C:\...</c>).</summary>
    Path,
}

/// <summary>
/// The one parser of model URIs (MLflow's forms): <c>models:/name/3</c>, <c>models:/name/Production</c> (stage names
/// in any case), <c>models:/name@champion</c>, <c>runs:/&lt;run-id&gt;/model</c>, or a plain path (also <c>file:///...</c>): anything not of the
/// form <c>scheme:/...</c> with a scheme of two or more letters (so <c>C:\models\pm</c> is a path). A malformed URI,
/// or another scheme, is an InvalidArgument error (InvalidModelUri) naming it.
/// </summary>
public sealed partial class ModelUri
{
    private ModelUri(string original, ModelUriKind kind)
    {
        Original = original;
        Kind = kind;
    }

    public string Original { get; }

    public ModelUriKind Kind { get; }

    public string? ModelName { get; private init; }

    public int? Version { get; private init; }

    public ModelStage? Stage { get; private init; }

    public string? Alias { get; private init; }

    public string? RunId { get; private init; }

    public string? ArtifactPath { get; private init; }

    /// <summary>For <see cref="ModelUriKind.Path"/>: the path as given.</summary>
    public string? Path { get; private init; }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]+):", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    public static ModelUri Parse(string uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
            throw Bad(uri ?? "", "it is empty");
        string text = uri.Trim();
        Match scheme = SchemePattern().Match(text);
        if (!scheme.Success)
            return new ModelUri(uri, ModelUriKind.Path) { Path = text };

        string name = scheme.Groups["scheme"].Value.ToLowerInvariant();
        string rest = text[(name.Length + 1)..];
        if (name is "models" or "runs" && !rest.StartsWith('/'))
            throw Bad(uri, $"write {name}:/… (a '/' after '{name}:')");
        if (name == "file")
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? file) || !file.IsFile)
                throw Bad(uri, "not a valid file URI");
            return new ModelUri(uri, ModelUriKind.Path) { Path = file.LocalPath };
        }
        if (name is not "models" and not "runs")
        {
            if (!rest.StartsWith('/'))
                return new ModelUri(uri, ModelUriKind.Path) { Path = text };
            throw Bad(uri, $"scheme '{name}' is not supported (use models:/, runs:/ or a file path)");
        }
        rest = rest[1..];
        return name == "models" ? ParseModels(uri, rest) : ParseRuns(uri, rest);
    }

    public static bool TryParse(string uri, out ModelUri? parsed)
    {
        try
        {
            parsed = Parse(uri);
            return true;
        }
        catch (StoreException)
        {
            parsed = null;
            return false;
        }
    }

    private static ModelUri ParseModels(string uri, string rest)
    {
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            string modelName = CheckModelName(uri, rest[..at]);
            string alias = rest[(at + 1)..];
            if (!Valid(() => StoreNames.ValidateAlias(alias)))
                throw Bad(uri, $"'{StoreNames.Show(alias)}' is not a valid alias (letters, digits, '_', '-')");
            return new ModelUri(uri, ModelUriKind.ModelAlias) { ModelName = modelName, Alias = alias };
        }
        string[] parts = rest.Split('/');
        if (parts.Length != 2)
            throw Bad(uri, "expected models:/<name>/<version>, models:/<name>/<stage> or models:/<name>@<alias>");
        string model = CheckModelName(uri, parts[0]);
        string selector = parts[1];
        if (selector.Length > 0 && selector.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
                throw Bad(uri, $"version '{selector}' is not a whole number from 1 up");
            return new ModelUri(uri, ModelUriKind.ModelVersion) { ModelName = model, Version = version };
        }
        foreach (ModelStage stage in Enum.GetValues<ModelStage>())
            if (string.Equals(selector, stage.ToString(), StringComparison.OrdinalIgnoreCase))
                return new ModelUri(uri, ModelUriKind.ModelStage) { ModelName = model, Stage = stage };
        throw Bad(uri, $"'{StoreNames.Show(selector)}' is neither a version number nor a stage (None, Staging, Production, Archived)");
    }

    private static ModelUri ParseRuns(string uri, string rest)
    {
        int slash = rest.IndexOf('/');
        string runId = slash < 0 ? rest : rest[..slash];
        string path = slash < 0 ? "" : rest[(slash + 1)..];
        if (!StoreNames.IsRunId(runId))
            throw Bad(uri, $"'{StoreNames.Show(runId)}' is not a run id (32 lowercase hex digits)");
        string artifactPath;
        try
        {
            artifactPath = StoreNames.ValidateArtifactPath(path);
        }
        catch (StoreException e)
        {
            throw Bad(uri, $"expected runs:/<run-id>/<artifact-path>: {e.Message}");
        }
        return new ModelUri(uri, ModelUriKind.RunArtifact) { RunId = runId, ArtifactPath = artifactPath };
    }

    private static string CheckModelName(string uri, string name) =>
        Valid(() => StoreNames.ValidateModelName(name)) ? name : throw Bad(uri, $"'{StoreNames.Show(name)}' is not a valid model name");

    private static bool Valid(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (StoreException)
        {
            return false;
        }
    }

    private static StoreException Bad(string uri, string problem) =>
        StoreException.Invalid("InvalidModelUri", $"'{StoreNames.Show(uri)}' is not a valid model URI: {problem}.", uri);

    /// <summary>The canonical form (stage names capitalized; the path as given).</summary>
    public override string ToString() => Kind switch
    {
        ModelUriKind.ModelVersion => $"models:/{ModelName}/{Version}",
        ModelUriKind.ModelStage => $"models:/{ModelName}/{Stage}",
        ModelUriKind.ModelAlias => $"models:/{ModelName}@{Alias}",
        ModelUriKind.RunArtifact => $"runs:/{RunId}/{ArtifactPath}",
        _ => Path!,
    };
}
