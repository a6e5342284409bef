using Retrain.Engine.Tracking;

namespace Retrain.Engine.Store;

/// <summary>The tracking seam: experiments, runs, params, metrics, tags (MLflow's tracking store).</summary>
public interface ITrackingStore
{

    /// <summary>The experiment with this name, created on first use.</summary>
    Experiment GetOrCreateExperiment(string name);

    IReadOnlyList<Experiment> ListExperiments();

    /// <summary>Starts a run (status Running, now, this user and machine) in the named experiment, creating it if needed.</summary>
    Run StartRun(string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null);

    /// <summary>Logs parameters; a parameter is set once (the same value again is fine, a different one is an error).</summary>
    void LogParams(string runId, IReadOnlyDictionary<string, string> parameters);

    void LogMetrics(string runId, IEnumerable<MetricPoint> metrics);

    /// <summary>Sets (adds or overwrites) tags.</summary>
    void SetRunTags(string runId, IReadOnlyDictionary<string, string> tags);

    /// <summary>Ends the run with Finished, Failed or Killed and records the end time.</summary>
    Run EndRun(string runId, RunStatus status);

    Run GetRun(string runId);

    IReadOnlyList<Run> SearchRuns(RunQuery query);

    /// <summary>Every logged point of one metric, by step, then timestamp, then logging order.</summary>
    IReadOnlyList<MetricPoint> GetMetricHistory(string runId, string key);
}
