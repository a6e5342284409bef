namespace Retrain.Engine.Tracking;

/// <summary>One file of a run (MLflow's FileInfo): its path relative to the run, '/'-separated, and its <c>runs:/</c> URI.</summary>
public sealed class RunArtifact
{
    public required string RunId { get; init; }

    public required string Path { get; init; }

    /// <summary>The artifact's URI, e.g. <c>runs:/&lt;id&gt;/model/model.zip</c>: usable wherever a model URI is.</summary>
    public string Uri => $"runs:/{RunId}/{Path}";

    public override string ToString() => Uri;
}
