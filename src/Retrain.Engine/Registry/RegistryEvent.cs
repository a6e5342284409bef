using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>
/// One change to the registry, as recorded in its append-only log: who, where, when, why and what.
/// The log is the registry's deployment history; <see cref="RegistryActions"/> lists the actions.
/// </summary>
public sealed class RegistryEvent
{
    /// <summary>1, 2, 3… in the order the changes happened, no gaps.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string User { get; init; }

    public required string Machine { get; init; }

    /// <summary>One of <see cref="RegistryActions"/>.</summary>
    public required string Action { get; init; }

    public required string ModelName { get; init; }

    public int? Version { get; init; }

    /// <summary>For a stage transition or alias move: the version that held the stage/alias before.</summary>
    public int? PreviousVersion { get; init; }

    public ModelStage? Stage { get; init; }

    public string? Reason { get; init; }

    /// <summary>What else changed, as text (source, run_id, artifact_sha256, alias, archived, tag.*, metric.*, ...).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"#{Sequence} {Action} {ModelName}{(Version is int v ? $"/{v}" : "")}";
}

/// <summary>The <see cref="RegistryEvent.Action"/> names.</summary>
public static class RegistryActions
{
    public const string RegisterVersion = "register_version";
    public const string TransitionStage = "transition_stage";
    public const string SetAlias = "set_alias";
    public const string DeleteAlias = "delete_alias";
    public const string UpdateVersion = "update_version";

    /// <summary>A tombstone: the version is gone from listings and lookups, and its number is never given again.</summary>
    public const string DeleteVersion = "delete_version";

    /// <summary>A version takes a deployment role (shadow, canary), from whichever version held it.</summary>
    public const string SetRole = "set_role";

    /// <summary>A role ends without its version changing stage (a stage change to Production or Archived ends it too).</summary>
    public const string EndRole = "end_role";
}
