namespace Retrain.Engine.Registry;

/// <summary>
/// A deployment role beside the stages: a version that scores next to Production without replacing it. A model has
/// at most one version per role; a role is never held by the Production version or an Archived one.
/// </summary>
public enum DeploymentRole : long
{
    /// <summary>Scores every row beside Production; its predictions are recorded, never served.</summary>
    Shadow,
    /// <summary>Serves a share of the rows (its traffic percent), routed by equipment id.</summary>
    Canary,
}

/// <summary>Which version holds a role now, since which registry event.</summary>
public sealed class RoleAssignment
{
    public required string ModelName { get; init; }
    public required DeploymentRole Role { get; init; }
    public required int Version { get; init; }
    /// <summary>A canary's share of the rows; null for a shadow (it serves none).</summary>
    public int? TrafficPercent { get; init; }
    /// <summary>The event that gave the role to this version.</summary>
    public required long Sequence { get; init; }
    public required DateTimeOffset Since { get; init; }

    public string Uri => $"models:/{ModelName}/{Version}";

    public override string ToString() => $"{Uri} ({RoleNames.Of(Role)})";
}

/// <summary>
/// The role holder a change was decided against: the event that gave the role (<see cref="RoleAssignment.Sequence"/>),
/// or null when no version was expected to hold it. A store refuses the change (RoleMoved) when the role changed since.
/// </summary>
public readonly record struct RoleExpectation(DeploymentRole Role, long? Sequence)
{
    public static RoleExpectation Of(DeploymentRole role, RoleAssignment? held) => new(role, held?.Sequence);
}

/// <summary>How roles are written in the registry's events and details: lowercase names.</summary>
public static class RoleNames
{
    public static string Of(DeploymentRole role) => role switch
    {
        DeploymentRole.Shadow => "shadow",
        DeploymentRole.Canary => "canary",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out DeploymentRole role)
    {
        foreach (DeploymentRole r in Enum.GetValues<DeploymentRole>())
        {
            if (string.Equals(text, Of(r), StringComparison.Ordinal))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
