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
        var pattern = WildcardPattern.Get(word.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return found.Where(pattern.IsMatch).Distinct().Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c));
    }

    /// <summary>The session's file-system location; a completer runs inside a pipeline, so it asks through a nested command.</summary>
    private static string CurrentLocation()
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
            var name = (fakeBoundParameters["Name"] as string) ?? (fakeBoundParameters["Name"] as string[])?.FirstOrDefault();
            if (name is null && store.ListModels() is { Count: 1 } only)
                name = only[0].Name;
            return name is null ? Array.Empty<string>() : store.ListVersions(name).OrderByDescending(v => v.Version).Select(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
}

/// <summary>Completes experiment names.</summary>
public sealed class ExperimentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionStore.Complete(fakeBoundParameters, wordToComplete, store => store.ListExperiments().Select(e => e.Name).Concat(Retrain.Engine.Tracking.ExperimentNames.All));
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
        }));
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
