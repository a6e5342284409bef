using Retrain.Engine.Tracking;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

// The file store's on-disk shapes (System.Text.Json, snake_case). Changing a name here changes the format.

/// <summary>One entry of <c>experiments.json</c>.</summary>
internal sealed class ExperimentRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary><c>runs/&lt;run-id&gt;/run.json</c>: everything about a run but its metrics.</summary>
internal sealed class RunRecord
{
    public string RunId { get; set; } = "";
    public string ExperimentId { get; set; } = "";
    public string? RunName { get; set; }
    public RunStatus Status { get; set; }
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string User { get; set; } = "";
    public string Machine { get; set; } = "";
    /// <summary>The process that started the run; absent in runs written before owners were recorded.</summary>
    public OwnerRecord? Owner { get; set; }
    public Dictionary<string, string> Params { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A process, identified well enough to tell later whether it still runs: the run's <c>owner</c> and the content of
/// its <c>running/&lt;run-id&gt;</c> marker (<see cref="ProcessIdentity"/>).
/// </summary>
internal sealed record OwnerRecord
{
    public int Pid { get; set; }
    public string Machine { get; set; } = "";
    /// <summary>When the process started (UTC), for people and for the check off Linux.</summary>
    public DateTimeOffset? ProcessStart { get; set; }
    /// <summary>Linux: the start time in clock ticks since boot (/proc/&lt;pid&gt;/stat field 22), exact where the clock time is not.</summary>
    public long? StartTicks { get; set; }
    /// <summary>Linux: /proc/sys/kernel/random/boot_id; after a reboot every owner of the boot before is gone.</summary>
    public string? BootId { get; set; }
}

/// <summary>One line of <c>runs/&lt;run-id&gt;/metrics.jsonl</c>.</summary>
internal sealed class MetricRecord
{
    public string Key { get; set; } = "";
    public double Value { get; set; }
    public long Step { get; set; }
    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>
/// One line of <c>registry/events.jsonl</c>: the public event fields plus what the fold needs to rebuild the
/// registry (description, tags, metrics, files of a registration; alias; versions archived by a transition).
/// </summary>
internal sealed record EventRecord
{
    /// <summary>The event format (<see cref="RegistryRules.EventFormat"/>); absent in lines written before it existed (format 1).</summary>
    public int? Format { get; set; }
    /// <summary>The SHA-256 of every byte of the log before this line (<see cref="RegistryChain"/>); absent in lines written before the chain.</summary>
    public string? PreviousHash { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string User { get; set; } = "";
    public string Machine { get; set; } = "";
    public string Action { get; set; } = "";
    public string Model { get; set; } = "";
    public int? Version { get; set; }
    public int? PreviousVersion { get; set; }
    public ModelStage? Stage { get; set; }
    public string? Reason { get; set; }
    /// <summary>Free text details: source, run_id, artifact_sha256 of a registration; caller-supplied details.</summary>
    public Dictionary<string, string>? Details { get; set; }
    public string? Alias { get; set; }
    public List<int>? Archived { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public Dictionary<string, double>? Metrics { get; set; }
    public List<string>? RemoveTags { get; set; }
    /// <summary>A registration's files: path relative to the artifact directory → SHA-256.</summary>
    public Dictionary<string, string>? Files { get; set; }
    /// <summary>The role a set_role or end_role event is about (<see cref="RoleNames"/>).</summary>
    public string? Role { get; set; }
    /// <summary>A canary's share of the rows, set by set_role.</summary>
    public int? TrafficPercent { get; set; }
    /// <summary>The roles a stage change ends: held by a version it moves to Production or Archived.</summary>
    public List<string>? EndedRoles { get; set; }
}

/// <summary>One line of <c>predictions/&lt;model key&gt;/&lt;yyyy-MM&gt;.jsonl</c>: one logged prediction.</summary>
internal sealed class PredictionRecord
{
    /// <summary>The line format (<see cref="FileRetrainStore.PredictionFormat"/>).</summary>
    public int? Format { get; set; }
    public string Model { get; set; } = "";
    public int Version { get; set; }
    public PredictionRole Role { get; set; }
    public string EquipmentId { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public double? Cycle { get; set; }
    public double Prediction { get; set; }
    public string BatchId { get; set; } = "";
    public DateTimeOffset LoggedAt { get; set; }
}
