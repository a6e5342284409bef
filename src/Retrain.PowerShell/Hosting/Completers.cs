using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Retrain.Engine;
using Retrain.Engine.Registry;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Hosting;

/// <summary>Tab completion from the store the command would use (its -ConfigPath, else the default).</summary>
internal static class CompletionStore
{
    public static IEnumerable<CompletionResult> Complete(IDictionary bound, string word, Func<IRetrainStore, IEnumerable<string>> candidates)
    {
        var found = new List<string>();
        try
        {
            var location = CurrentLocation();
            var configPath = bound["ConfigPath"] as string;
            if (configPath is not null && !Path.IsPathRooted(configPath))
                configPath = Path.Combine(location, configPath);
            var options = RetrainCmdlet.LoadOptions(configPath, location);
            using var store = StoreFactory.Open(options.Store, options.BaseDirectory);
            found.AddRange(candidates(store));
        }
        catch (RetrainException)
        {
            // No store or a broken config: offer nothing rather than an error while typing.
        }
        catch (IOException)
        {
            // The store is busy or unreadable: the same.
        }
        return Results(found, word);
    }

    /// <summary>The candidates that start with the word typed so far (any case), quoted where the shell needs it.</summary>
    public static IEnumerable<CompletionResult> Results(IEnumerable<string> found, string word)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(word.Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
        return found.Where(pattern.IsMatch).Distinct().Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c)).ToList();
    }

    /// <summary>The model the command names with -Name, or the only registered one.</summary>
    public static string? ModelName(IDictionary bound, IRetrainStore store)
    {
        var name = (bound["Name"] as string) ?? (bound["Name"] as string[])?.FirstOrDefault();
        if (name is null && store.ListModels() is { Count: 1 } only)
            name = only[0].Name;
        return name;
    }

    /// <summary>The session's file-system location; a completer runs inside a pipeline, so it asks through a nested command.</summary>
    public static string CurrentLocation()
    {
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        var location = shell.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem").Invoke<PathInfo>().FirstOrDefault();
        return location?.ProviderPath ?? Environment.CurrentDirectory;
    }

    private static string Quote(string value) => value.StartsWith('@') || value.Any(ch => char.IsWhiteSpace(ch) || "'\"$`;(){},&|#".Contains(ch))
        ? $"'{value.Replace("'", "''")}'"
        : value;
}

/// <summary>Completes registered model names.</summary>
public sealed class ModelNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store => store.ListModels().Select(m => m.Name));
}

/// <summary>Completes the version numbers of the model named by -Name (or the configured model).</summary>
public sealed class ModelVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store =>
        {
            var name = CompletionStore.ModelName(fakeBoundParameters, store);
            return name is null ? Array.Empty<string>() : store.ListVersions(name).OrderByDescending(v => v.Version).Select(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
}

/// <summary>Completes the names of experiments that exist in the store (a name offered must find runs).</summary>
public sealed class ExperimentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store => store.ListExperiments().Select(e => e.Name));
}

/// <summary>
/// Completes aliases of the model named by -Name: for -RemoveAlias those of the version given by -Version (the
/// only ones it may remove), else every alias of the model (for -Alias, to move one).
/// </summary>
public sealed class ModelAliasCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store =>
        {
            var name = CompletionStore.ModelName(fakeBoundParameters, store);
            if (name is null)
                return Array.Empty<string>();
            var versions = store.ListVersions(name);
            var version = fakeBoundParameters["Version"] is { } v && int.TryParse(v.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            if (parameterName == "RemoveAlias" && version is { } only)
                versions = versions.Where(x => x.Version == only).ToList();
            return versions.SelectMany(x => x.Aliases).OrderBy(a => a, StringComparer.Ordinal);
        });
}

/// <summary>Completes run ids, newest first.</summary>
public sealed class RunIdCompleter : IArgumentCompleter
{
    /// <summary>Enough to find a recent run; older ones are found with Get-RetrainRun's filters.</summary>
    private const int Newest = 50;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store =>
            store.SearchRuns(new Retrain.Engine.Tracking.RunQuery { MaxResults = Newest }).Select(r => r.RunId));
}

/// <summary>
/// Completes -Feature from the header of the data file already on the command line (-TrainingPath, -ReferencePath,
/// -CurrentPath, -TestPath or -Path, by name or position), read with the given -Delimiter; nothing without one.
/// </summary>
public sealed class FeatureNameCompleter : IArgumentCompleter
{
    private static readonly string[] PathParameters = { "TrainingPath", "ReferencePath", "CurrentPath", "TestPath", "Path" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var path = PathParameters.Select(p => fakeBoundParameters[p] as string).FirstOrDefault(p => !string.IsNullOrEmpty(p));
        if (path is null)
            return Array.Empty<CompletionResult>();
        var delimiter = fakeBoundParameters["Delimiter"] is string d && Enum.TryParse<Retrain.Engine.Configuration.CsvDelimiter>(d, ignoreCase: true, out var parsed)
            ? parsed
            : Retrain.Engine.Configuration.CsvDelimiter.Auto;
        try
        {
            var full = Path.GetFullPath(path.Trim('\'', '"').Replace('\\', '/'), CompletionStore.CurrentLocation());
            var already = fakeBoundParameters["Feature"] as string[] ?? Array.Empty<string>();
            return CompletionStore.Results(Retrain.Engine.Data.DatasetReader.ReadColumnNames(full, delimiter).Except(already, StringComparer.OrdinalIgnoreCase), wordToComplete);
        }
        catch (Exception ex) when (ex is RetrainException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A path still being typed, or a file that is not data: offer nothing rather than an error while typing.
            return Array.Empty<CompletionResult>();
        }
    }
}

/// <summary>Completes model URIs: models:/name/version, models:/name/Stage and models:/name@alias.</summary>
public sealed class ModelUriCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store => store.ListModels().SelectMany(m =>
        {
            var versions = store.ListVersions(m.Name);
            return new[] { $"models:/{m.Name}/Production", $"models:/{m.Name}/Staging" }
                .Concat(versions.SelectMany(v => v.Aliases).Distinct().Select(a => $"models:/{m.Name}@{a}"))
                .Concat(versions.OrderByDescending(v => v.Version).Select(v => $"models:/{m.Name}/{v.Version}"));
        }).Concat(RunModels(store)));

    /// <summary>Enough recent trainings to pick from; older ones are reached through their registered version.</summary>
    private const int NewestTrainings = 20;

    /// <summary>runs:/&lt;id&gt;/model of the recent runs that logged a model, registered or not.</summary>
    private static IEnumerable<string> RunModels(IRetrainStore store) =>
        store.SearchRuns(new Retrain.Engine.Tracking.RunQuery { ExperimentNames = new[] { Retrain.Engine.Tracking.ExperimentNames.AutomatedRetraining }, MaxResults = NewestTrainings })
            .Where(r => store.ListArtifacts(r.RunId, ModelArtifact).Count > 0)
            .Select(r => $"runs:/{r.RunId}/{ModelArtifact}")
            .ToList();

    private const string ModelArtifact = ModelRegistration.ArtifactDirectory;
}

/// <summary>Completes the metric keys of the run named by -RunId.</summary>
public sealed class MetricNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store =>
            ((fakeBoundParameters["RunId"] as string) ?? (fakeBoundParameters["RunId"] as string[])?.FirstOrDefault()) is { } runId
                ? store.GetRun(runId).Metrics.Keys.Order(StringComparer.Ordinal)
                : Array.Empty<string>());
}

/// <summary>
/// Completes time zone ids this machine knows (IANA ids on Linux and macOS, Windows ids on Windows): those that start
/// with the word typed, else those that contain it (Berlin finds Europe/Berlin).
/// </summary>
public sealed class TimeZoneIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var ids = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var starting = CompletionStore.Results(ids, wordToComplete).ToList();
        var word = wordToComplete.Trim('\'', '"');
        return starting.Count > 0 || word.Length == 0
            ? starting
            : CompletionStore.Results(ids.Where(id => id.Contains(word, StringComparison.OrdinalIgnoreCase)), "");
    }
}
