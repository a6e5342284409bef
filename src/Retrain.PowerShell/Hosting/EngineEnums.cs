using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Retrain.Engine.Configuration;
using Retrain.Engine.Registry;
using Retrain.Engine.Tracking;

namespace Retrain.PowerShell.Hosting;

/// <summary>
/// The engine's enums as the allowed values of string parameters. A parameter cannot be of an engine enum
/// type: PowerShell reflects over the cmdlets' parameter types while importing, before the module's load
/// context is hooked up, and the engine cannot load yet. So the parameter stays a string, its allowed values
/// and completions are the enum's names, looked up when first used, and a new enum member needs no cmdlet edit.
/// </summary>
internal static class EngineEnums
{
    public const string ModelStage = nameof(ModelStage);
    public const string RunStatus = nameof(RunStatus);
    public const string TrainerKind = nameof(TrainerKind);
    public const string CsvDelimiter = nameof(CsvDelimiter);
    public const string DeploymentStrategy = nameof(DeploymentStrategy);

    public static string[] Names(string key) => key switch
    {
        ModelStage => Enum.GetNames<ModelStage>(),
        RunStatus => Enum.GetNames<RunStatus>(),
        TrainerKind => Enum.GetNames<TrainerKind>(),
        CsvDelimiter => Enum.GetNames<CsvDelimiter>(),
        DeploymentStrategy => Enum.GetNames<DeploymentStrategy>(),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an engine enum the cmdlets use."),
    };
}

/// <summary>Allows exactly the names of an engine enum (any case), as ValidateSet would.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateEngineEnumAttribute(string key) : ValidateArgumentsAttribute
{
    public string Key { get; } = key;

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var names = EngineEnums.Names(Key);
        var value = arguments is PSObject p ? p.BaseObject : arguments;
        if (value is string s && names.Contains(s, StringComparer.OrdinalIgnoreCase))
            return;
        throw new ValidationMetadataException($"'{value}' is not one of {string.Join(", ", names)}.");
    }
}

/// <summary>Completes the names of an engine enum; one small subclass per enum names which.</summary>
public abstract class EngineEnumCompleter(string key) : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        return EngineEnums.Names(key)
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}

public sealed class ModelStageCompleter() : EngineEnumCompleter(EngineEnums.ModelStage);

public sealed class RunStatusCompleter() : EngineEnumCompleter(EngineEnums.RunStatus);

public sealed class TrainerKindCompleter() : EngineEnumCompleter(EngineEnums.TrainerKind);

public sealed class CsvDelimiterCompleter() : EngineEnumCompleter(EngineEnums.CsvDelimiter);

public sealed class DeploymentStrategyCompleter() : EngineEnumCompleter(EngineEnums.DeploymentStrategy);
