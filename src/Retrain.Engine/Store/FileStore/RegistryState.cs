using System.Globalization;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// The registry as a fold over its event log: applying the events in order gives every model, version, stage
/// and alias. Each event is one complete change (a promotion carries the versions it archives), so a reader
/// of any prefix of the log sees a consistent registry. Replay re-checks every rule a writer checks (contiguous
/// sequence and version numbers, known stages, at most one Production version per model), so a log edited into a
/// state no writer could make is refused, not served. Not thread-safe: the store guards it.
/// </summary>
internal sealed class RegistryState
{
    private readonly Dictionary<string, ModelState> _models = new(StringComparer.Ordinal);

    public long LastSequence { get; private set; }

    public IEnumerable<ModelState> Models => _models.Values;

    public ModelState? Find(string name) => _models.GetValueOrDefault(name);

    /// <summary>Applies one event; an event that does not fit the state so far is reported as the returned problem (the state is unchanged).</summary>
    public string? Apply(EventRecord e)
    {
        string? problem = Check(e);
        if (problem is not null)
            return problem;

        ModelState? model = Find(e.Model);
        switch (e.Action)
        {
            case RegistryActions.RegisterVersion:
                if (model is null)
                    _models[e.Model] = model = new ModelState(e.Model, e.Timestamp);
                model.Versions.Add(new VersionState
                {
                    Version = e.Version!.Value,
                    Stage = ModelStage.None,
                    Source = e.Details?.GetValueOrDefault("source") ?? "",
                    RunId = e.Details?.GetValueOrDefault("run_id"),
                    CreatedAt = e.Timestamp,
                    Description = e.Description,
                    Tags = new Dictionary<string, string>(e.Tags ?? new(), StringComparer.Ordinal),
                    Metrics = new Dictionary<string, double>(e.Metrics ?? new(), StringComparer.Ordinal),
                    ArtifactSha256 = e.Details?.GetValueOrDefault("artifact_sha256") ?? "",
                    ArtifactDirectory = e.Details?.GetValueOrDefault("artifact_directory"),
                    Files = new Dictionary<string, string>(e.Files ?? new(), StringComparer.Ordinal),
                });
                break;
            case RegistryActions.TransitionStage:
                foreach (int archived in e.Archived ?? new())
                    model!.Get(archived)!.Stage = ModelStage.Archived;
                model!.Get(e.Version!.Value)!.Stage = e.Stage!.Value;
                foreach (string role in e.EndedRoles ?? new())
                    model.Roles.Remove(role);
                break;
            case RegistryActions.SetRole:
                model!.Roles[e.Role!] = new RoleState(e.Version!.Value, e.TrafficPercent, e.Sequence, e.Timestamp);
                break;
            case RegistryActions.EndRole:
                model!.Roles.Remove(e.Role!);
                break;
            case RegistryActions.SetAlias:
                model!.Aliases[e.Alias!] = e.Version!.Value;
                break;
            case RegistryActions.DeleteAlias:
                model!.Aliases.Remove(e.Alias!);
                break;
            case RegistryActions.DeleteVersion:
                model!.Get(e.Version!.Value)!.Deleted = true;
                break;
            case RegistryActions.UpdateVersion:
                VersionState version = model!.Get(e.Version!.Value)!;
                if (e.Description is not null)
                    version.Description = e.Description;
                foreach (var (key, value) in e.Tags ?? new())
                    version.Tags[key] = value;
                foreach (string key in e.RemoveTags ?? new())
                    version.Tags.Remove(key);
                break;
        }
        LastSequence = e.Sequence;
        return null;
    }

    /// <summary>A registry as a checkpoint recorded it after event <paramref name="sequence"/>.</summary>
    public static RegistryState FromModels(long sequence, IEnumerable<ModelState> models)
    {
        var state = new RegistryState { LastSequence = sequence };
        foreach (ModelState model in models)
            state._models[model.Name] = model;
        return state;
    }

    private string? Check(EventRecord e)
    {
        if (e.Sequence != LastSequence + 1)
            return $"sequence {e.Sequence} follows {LastSequence}";
        ModelState? model = Find(e.Model);
        if (e.Action == RegistryActions.RegisterVersion)
        {
            int expected = RegistryRules.NextVersion(model?.LastNumber ?? 0);
            return e.Version == expected ? null : $"registers version {e.Version} of '{e.Model}' where {expected} comes next";
        }
        if (model is null)
            return $"names unknown model '{e.Model}'";
        if (e.Version is not int v || model.Get(v) is null)
            return $"names unknown version {e.Version} of '{e.Model}'";
        if (model.Live(v) is null)
            return $"names version {v} of '{e.Model}', which was deleted";
        return e.Action switch
        {
            RegistryActions.TransitionStage when e.Stage is null => "transition without a stage",
            RegistryActions.TransitionStage when !Enum.IsDefined(e.Stage.Value) => $"moves version {v} of '{e.Model}' to the unknown stage {(int)e.Stage.Value}",
            RegistryActions.TransitionStage when (e.Archived ?? new()).Any(a => model.Live(a) is null) => "archives an unknown or deleted version",
            RegistryActions.TransitionStage when e.Stage == ModelStage.Production && model.LiveVersions.FirstOrDefault(o =>
                o.Version != v && o.Stage == ModelStage.Production && !(e.Archived ?? new()).Contains(o.Version)) is { } other =>
                $"puts version {v} of '{e.Model}' in Production while version {other.Version} is there and is not archived by it (a model has at most one Production version)",
            RegistryActions.TransitionStage => CheckEndedRoles(model, e),
            RegistryActions.SetAlias or RegistryActions.DeleteAlias when string.IsNullOrEmpty(e.Alias) => "alias change without an alias",
            RegistryActions.DeleteVersion when model.Get(v)!.Stage == ModelStage.Production || model.Aliases.ContainsValue(v) => "deletes a version in Production or holding an alias",
            RegistryActions.DeleteVersion when model.RoleOf(v) is string role => $"deletes version {v} of '{e.Model}', the {role}, without ending its role",
            RegistryActions.SetRole or RegistryActions.EndRole when !RoleNames.TryParse(e.Role, out _) => $"names the unknown role '{e.Role}'",
            RegistryActions.SetRole when model.Get(v)!.Stage is ModelStage.Production or ModelStage.Archived =>
                $"gives the {e.Role} role to version {v} of '{e.Model}', which is {model.Get(v)!.Stage}",
            RegistryActions.SetRole when model.RoleOf(v) is string held && held != e.Role => $"gives the {e.Role} role to version {v} of '{e.Model}', which is the {held}",
            RegistryActions.EndRole when !model.Roles.TryGetValue(e.Role!, out RoleState? r) || r.Version != v =>
                $"ends the {e.Role} role of version {v} of '{e.Model}', which does not hold it",
            RegistryActions.SetAlias or RegistryActions.DeleteAlias or RegistryActions.UpdateVersion or RegistryActions.DeleteVersion or RegistryActions.SetRole or RegistryActions.EndRole => null,
            _ => $"unknown action '{e.Action}'",
        };
    }

    /// <summary>
    /// A stage change ends exactly the roles held by the versions it moves to Production or Archived (a role runs
    /// beside Production, never on it, and an archived version serves nothing); it may end no other.
    /// </summary>
    private static string? CheckEndedRoles(ModelState model, EventRecord e)
    {
        var leaving = new HashSet<int>(e.Archived ?? new());
        if (e.Stage is ModelStage.Production or ModelStage.Archived)
            leaving.Add(e.Version!.Value);
        var ending = (e.EndedRoles ?? new()).ToHashSet(StringComparer.Ordinal);
        foreach (var (role, held) in model.Roles)
        {
            if (leaving.Contains(held.Version) != ending.Contains(role))
                return ending.Contains(role)
                    ? $"ends the {role} role of version {held.Version} of '{e.Model}', which keeps its stage"
                    : $"moves version {held.Version} of '{e.Model}', the {role}, to {(held.Version == e.Version ? e.Stage : ModelStage.Archived)} without ending its role";
            ending.Remove(role);
        }
        return ending.Count > 0 ? $"ends the role '{ending.First()}', which no version of '{e.Model}' holds" : null;
    }

    /// <summary>The public form of an event: the log line's fields, its typed extras flattened into Details.</summary>
    public static RegistryEvent ToPublic(EventRecord e)
    {
        var details = new Dictionary<string, string>(e.Details ?? new(), StringComparer.Ordinal);
        if (e.Alias is not null)
            details["alias"] = e.Alias;
        if (e.Archived is { Count: > 0 })
            details["archived"] = string.Join(",", e.Archived);
        if (e.Description is not null)
            details["description"] = e.Description;
        foreach (var (key, value) in e.Tags ?? new())
            details[$"tag.{key}"] = value;
        foreach (var (key, value) in e.Metrics ?? new())
            details[$"metric.{key}"] = value.ToString("R", CultureInfo.InvariantCulture);
        if (e.RemoveTags is { Count: > 0 })
            details["removed_tags"] = string.Join(",", e.RemoveTags);
        if (e.Role is not null)
            details["role"] = e.Role;
        if (e.TrafficPercent is int percent)
            details["traffic_percent"] = percent.ToString(CultureInfo.InvariantCulture);
        if (e.EndedRoles is { Count: > 0 })
            details["ended_roles"] = string.Join(",", e.EndedRoles);
        return new RegistryEvent
        {
            Sequence = e.Sequence,
            Timestamp = e.Timestamp,
            User = e.User,
            Machine = e.Machine,
            Action = e.Action,
            ModelName = e.Model,
            Version = e.Version,
            PreviousVersion = e.PreviousVersion,
            Stage = e.Stage,
            Reason = e.Reason,
            Details = details,
        };
    }
}

internal sealed class ModelState
{
    public ModelState(string name, DateTimeOffset createdAt)
    {
        Name = name;
        CreatedAt = createdAt;
    }

    public string Name { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Index i holds version i + 1, deleted ones included (their numbers stay taken).</summary>
    public List<VersionState> Versions { get; } = new();

    /// <summary>The versions that were not deleted, oldest first.</summary>
    public IEnumerable<VersionState> LiveVersions => Versions.Where(v => !v.Deleted);

    public Dictionary<string, int> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Role name (<see cref="RoleNames"/>) → who holds it.</summary>
    public Dictionary<string, RoleState> Roles { get; } = new(StringComparer.Ordinal);

    /// <summary>The role a version holds, or null.</summary>
    public string? RoleOf(int version) => Roles.FirstOrDefault(r => r.Value.Version == version).Key;

    /// <summary>The highest number given so far, deleted versions included: the next registration gets one more.</summary>
    public int LastNumber => Versions.Count;

    /// <summary>Any version ever registered, deleted or not.</summary>
    public VersionState? Get(int version) => version >= 1 && version <= Versions.Count ? Versions[version - 1] : null;

    /// <summary>A version that exists and was not deleted.</summary>
    public VersionState? Live(int version) => Get(version) is { Deleted: false } v ? v : null;

    public RegisteredModel ToPublic() => new() { Name = Name, CreatedAt = CreatedAt, LatestVersion = LiveVersions.LastOrDefault()?.Version ?? 0 };

    public ModelVersion ToPublic(VersionState v) => new()
    {
        Name = Name,
        Version = v.Version,
        Stage = v.Stage,
        Aliases = Aliases.Where(a => a.Value == v.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToArray(),
        Role = RoleNames.TryParse(RoleOf(v.Version), out DeploymentRole role) ? role : null,
        Source = v.Source,
        RunId = v.RunId,
        CreatedAt = v.CreatedAt,
        Description = v.Description,
        Tags = new Dictionary<string, string>(v.Tags, StringComparer.Ordinal),
        Metrics = new Dictionary<string, double>(v.Metrics, StringComparer.Ordinal),
        ArtifactSha256 = v.ArtifactSha256,
    };
}

/// <summary>Who holds a role: the version, a canary's percent, and the event that gave it.</summary>
internal sealed record RoleState(int Version, int? TrafficPercent, long Sequence, DateTimeOffset Since)
{
    public RoleAssignment ToPublic(string model, string role) => new()
    {
        ModelName = model,
        Role = RoleNames.TryParse(role, out DeploymentRole r) ? r : throw new InvalidOperationException($"unknown role '{role}'"),
        Version = Version,
        TrafficPercent = TrafficPercent,
        Sequence = Sequence,
        Since = Since,
    };
}

/// <summary>
/// A version: what finding it needs (number, stage, removed) at once, the rest (<see cref="VersionDetails"/>) when first
/// used, so a registry opened from a checkpoint parses only the versions a command touches.
/// </summary>
internal sealed class VersionState
{
    private VersionDetails? _details;
    private Func<VersionDetails>? _load;

    public static VersionState Deferred(int version, ModelStage stage, bool deleted, Func<VersionDetails> load) =>
        new() { Version = version, Stage = stage, Deleted = deleted, _load = load };

    public VersionDetails Details => _details ??= _load?.Invoke() ?? new VersionDetails();

    public int Version { get; init; }
    public ModelStage Stage { get; set; }
    /// <summary>Set by a delete_version event (a tombstone).</summary>
    public bool Deleted { get; set; }

    public string Source { get => Details.Source; init => Details.Source = value; }
    public string? RunId { get => Details.RunId; init => Details.RunId = value; }
    public DateTimeOffset CreatedAt { get => Details.CreatedAt; init => Details.CreatedAt = value; }
    public string? Description { get => Details.Description; set => Details.Description = value; }
    public Dictionary<string, string> Tags { get => Details.Tags; init => Details.Tags = value; }
    public Dictionary<string, double> Metrics { get => Details.Metrics; init => Details.Metrics = value; }
    public string ArtifactSha256 { get => Details.ArtifactSha256; init => Details.ArtifactSha256 = value; }
    /// <summary>Where the files are in the run's artifacts (the registration's <c>artifact_directory</c>).</summary>
    public string? ArtifactDirectory { get => Details.ArtifactDirectory; init => Details.ArtifactDirectory = value; }
    public Dictionary<string, string> Files { get => Details.Files; init => Details.Files = value; }
}

/// <summary>The part of a version a checkpoint keeps on a line of its own.</summary>
internal sealed class VersionDetails
{
    public string Source { get; set; } = "";
    public string? RunId { get; set; }
    public string? ArtifactDirectory { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);
    public string ArtifactSha256 { get; set; } = "";
    public Dictionary<string, string> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A copy with its dictionaries in ordinal order, so equal details serialize to equal bytes.</summary>
    public VersionDetails Sorted() => new()
    {
        Source = Source,
        RunId = RunId,
        ArtifactDirectory = ArtifactDirectory,
        CreatedAt = CreatedAt,
        Description = Description,
        Tags = Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        Metrics = Metrics.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        ArtifactSha256 = ArtifactSha256,
        Files = Files.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };
}
