namespace Retrain.Engine.Store;

/// <summary>Run tags with a meaning to the store: every backend writes them on the run whose files become a version.</summary>
public static class RunTags
{
    /// <summary>The model a run trained or registered.</summary>
    public const string ModelName = "model_name";

    /// <summary>The version its files became; numbering is checked against it (versions never go backwards while such runs exist).</summary>
    public const string ModelVersion = "model_version";
}
