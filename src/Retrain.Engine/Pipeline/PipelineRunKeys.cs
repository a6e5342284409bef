namespace Retrain.Engine.Pipeline;

/// <summary>What a retraining_pipeline run records that later runs read back (the automatic rollback's "data since its deployment").</summary>
public static class PipelineRunKeys
{
    // tags
    public const string Status = "status";
    public const string Trigger = "trigger";
    /// <summary>The version the run deployed (status Deployed).</summary>
    public const string DeployedVersion = "deployed_version";
    public const string NewModelUri = "new_model_uri";
    public const string FailedStep = "failed_step";
    /// <summary>Set when the event sink threw: the run went on, the event was not delivered.</summary>
    public const string EventError = "event_error";

    // params
    /// <summary>The latest timestamp of the data the run used (ISO 8601): rows after it are data that arrived since.</summary>
    public const string DataEnd = "data_end";
    public const string Reason = "reason";
}
