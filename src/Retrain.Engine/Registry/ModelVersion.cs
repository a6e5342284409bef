using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>
/// One registered version of a model: where its files came from (a run's artifact directory), its stage and
/// aliases, and the SHA-256 of its files as registered (checked again whenever it is loaded). A snapshot.
/// </summary>
public sealed class ModelVersion
{
    public required string Name { get; init; }

    public required int Version { get; init; }

    public required ModelStage Stage { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>The deployment role it holds beside the stages (shadow, canary), or null.</summary>
    public DeploymentRole? Role { get; init; }

    /// <summary>Where the files came from, e.g. <c>runs:/&lt;run-id&gt;/model</c>.</summary>
    public required string Source { get; init; }

    public string? RunId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The artifact directory digest (see <see cref="ArtifactDigest"/>) at registration, lowercase hex.</summary>
    public required string ArtifactSha256 { get; init; }

    public string Uri => $"models:/{Name}/{Version}";

    public override string ToString() => Uri;
}
