using Retrain.Engine.Configuration;

namespace Retrain.Engine.Deployment;

/// <summary>One line of <c>Get-PendingDeployment</c>: a version in Staging waiting for a person to approve or deny it.</summary>
public sealed class PendingDeployment
{
    public required string ModelName { get; init; }
    public required int Version { get; init; }
    public required string RequestedBy { get; init; }
    public string Machine { get; init; } = "";
    public required DateTimeOffset RequestedAt { get; init; }
    /// <summary>Why it was proposed (e.g. the comparison that it won).</summary>
    public string? Reason { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Whether <see cref="ExpiresAt"/> had passed when this was read: an expired request can be denied, not approved.</summary>
    public bool Expired { get; init; }
    /// <summary>The Production version it was compared against (0: none), or null: approving it publishes only over that one.</summary>
    public int? ExpectedCurrentVersion { get; init; }
    public DeploymentStrategy Strategy { get; init; }
    /// <summary>The registry event of the request.</summary>
    public required long EventSequence { get; init; }

    public string ModelUri => $"models:/{ModelName}/{Version}";

    /// <summary>Who asked, when and why, and the deadline: for prompts and messages.</summary>
    public string Describe() =>
        $"{RequestedBy} on {Machine} asked at {DeploymentEvent.Show(RequestedAt)}{DeploymentEvent.Why(Reason)}; the request {(Expired ? "expired" : "expires")} at {DeploymentEvent.Show(ExpiresAt)}";

    public override string ToString() => $"{ModelUri} pending{(Expired ? " (expired)" : "")}";
}
