namespace Retrain.Engine.Store;

/// <summary>Run tags with a meaning to the store: every backend writes them on the run whose files become a version.</summary>
public static class RunTags
{
    /// <summary>The model a run trained or registered.</summary>
    public const string ModelName = "model_name";

    /// <summary>The version its files became; numbering is checked against it (versions never go backwards while such runs exist).</summary>
    public const string ModelVersion = "model_version";

    /// <summary>The run a step run belongs to (MLflow's mlflow.parentRunId): the retraining_pipeline run of its drift check, training, comparison and deployment.</summary>
    public const string ParentRunId = "parent_run_id";
}
