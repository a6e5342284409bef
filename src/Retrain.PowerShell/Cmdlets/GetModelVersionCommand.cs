using System.Management.Automation;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Gets registered model versions by name, version, stage or alias.</summary>
[Cmdlet(VerbsCommon.Get, "ModelVersion", DefaultParameterSetName = ByName)]
[OutputType(typeof(ModelVersion))]
public sealed class GetModelVersionCommand : RetrainCmdlet
{
    private const string ByName = "Name";
    private const string ByVersion = "Version";
    private const string ByStage = "Stage";
    private const string ByAlias = "Alias";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByStage)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByVersion)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlias)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ByVersion)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int[] Version { get; set; } = Array.Empty<int>();

    [Parameter(Mandatory = true, ParameterSetName = ByStage)]
    [ValidateEngineEnum(EngineEnums.ModelStage)]
    [ArgumentCompleter(typeof(ModelStageCompleter))]
    public string Stage { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByAlias)]
    [ArgumentCompleter(typeof(ModelAliasCompleter))]
    [ValidateNotNullOrEmpty]
    public string Alias { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        foreach (var name in MatchingNames())
        {
            switch (ParameterSetName)
            {
                case ByVersion:
                    foreach (var v in Version)
                        TryInvoke(() => WriteObject(Store.GetVersion(name, v)));
                    break;
                case ByAlias:
                    TryInvoke(() => WriteObject(Store.GetVersionByAlias(name, Alias)));
                    break;
                case ByStage:
                    var stage = Enum.Parse<ModelStage>(Stage, ignoreCase: true);
                    TryInvoke(() => WriteObject(Store.ListVersions(name).Where(v => v.Stage == stage).OrderByDescending(v => v.Version), enumerateCollection: true));
                    break;
                default:
                    TryInvoke(() => WriteObject(Store.ListVersions(name).OrderByDescending(v => v.Version), enumerateCollection: true));
                    break;
            }
        }
    }

    /// <summary>Exact names pass through (an unknown one is reported); wildcards match registered models.</summary>
    private IEnumerable<string> MatchingNames()
    {
        if (Name is null)
            return Invoke(() => Store.ListModels().Select(m => m.Name).ToArray());
        var registered = new Lazy<string[]>(() => Invoke(() => Store.ListModels().Select(m => m.Name).ToArray()));
        return Name.SelectMany(n => WildcardPattern.ContainsWildcardCharacters(n)
            ? registered.Value.Where(WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch)
            : new[] { n }).Distinct(StringComparer.Ordinal).ToArray();
    }
}
