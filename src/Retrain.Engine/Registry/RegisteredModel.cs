using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>A named model in the registry; created by its first registered version.</summary>
public sealed class RegisteredModel
{
    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Description { get; init; }

    public required int LatestVersion { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public override string ToString() => Name;
}
