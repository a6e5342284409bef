using System.Collections;
using System.Management.Automation;
using Retrain.Engine.Pipeline;
using Retrain.Engine.Tracking;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Logs a run of your own (params, tags, metrics by step, files) in one call, ended Finished.</summary>
[Cmdlet(VerbsCommunications.Write, "RetrainRun")]
[OutputType(typeof(Run))]
public sealed class WriteRetrainRunCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ExperimentName")]
    [ArgumentCompleter(typeof(ExperimentNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Experiment { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? RunName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Hashtable? Metric { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Params")]
    public Hashtable? Parameter { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public Hashtable? Tag { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ArtifactFile { get; set; }

    [Parameter]
    public string? ArtifactPath { get; set; }

    protected override void ProcessRecord()
    {
        var request = new UserRunRequest
        {
            Experiment = Experiment,
            RunName = RunName,
            Params = TagTable.ToDictionary(Parameter) ?? new(),
            Tags = TagTable.ToDictionary(Tag) ?? new(),
            Metrics = Points(Metric),
            Files = (ArtifactFile ?? Array.Empty<string>()).Select(ResolvePath).ToArray(),
            ArtifactPath = ArtifactPath ?? "",
        };
        TryInvoke(() => WriteObject(UserRun.Log(Store, request)));
    }

    /// <summary>key = value logs one point at step 0; key = @(v0, v1, …) logs the values at steps 0, 1, …</summary>
    private List<MetricPoint> Points(Hashtable? metrics)
    {
        var points = new List<MetricPoint>();
        var now = DateTimeOffset.UtcNow;
        foreach (DictionaryEntry entry in metrics ?? new Hashtable())
        {
            var key = entry.Key.ToString()!;
            var values = LanguagePrimitives.GetEnumerable(entry.Value) is { } many ? many.Cast<object?>().ToArray() : new[] { entry.Value };
            for (int step = 0; step < values.Length; step++)
            {
                if (!LanguagePrimitives.TryConvertTo(values[step], System.Globalization.CultureInfo.InvariantCulture, out double value))
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Metric '{key}' has the value '{values[step]}'{(values.Length > 1 ? $" at step {step}" : "")}, which is not a number."),
                        "MetricNotANumber", ErrorCategory.InvalidArgument, key));
                points.Add(new MetricPoint(key, value, step, now));
            }
        }
        return points;
    }
}
