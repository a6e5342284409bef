using System.Text.Json;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

// Registry: every change is one appended event; every read is the fold of the events (cached per instance).
public sealed partial class FileRetrainStore
{
    public ModelVersion RegisterVersion(string name, string runId, string artifactDirectory, string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, double>? metrics = null, string? reason = null)
    {
        StoreNames.ValidateModelName(name);
        StoreNames.ValidateRunId(runId);
        string directory = StoreNames.ValidateArtifactPath(artifactDirectory);
        ValidateKeys(tags?.Keys, "Tag key");
        ValidateKeys(metrics?.Keys, "Metric key");
        return Mutate(() =>
        {
            LoadRun(runId);
            SortedDictionary<string, string> files = NonEmptyFileHashes(runId, directory);
            string digest = ArtifactDigest.Compute(files);
            RegistryState state = Registry();
            int version = RegistryRules.NextVersion(state.Find(name)?.LastNumber ?? 0);
            Dictionary<string, double> recorded = metrics is null
                ? ToPublic(LoadRun(runId), "", LoadMetrics(runId)).Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)
                : metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            Append(NewEvent(RegistryActions.RegisterVersion, name, version, reason) with
            {
                Stage = ModelStage.None,
                Details = new(StringComparer.Ordinal)
                {
                    ["source"] = $"runs:/{runId}/{directory}",
                    ["run_id"] = runId,
                    ["artifact_directory"] = directory,
                    ["artifact_sha256"] = digest,
                },
                Description = description,
                Tags = Copy(tags),
                Metrics = recorded,
                Files = new Dictionary<string, string>(files, StringComparer.Ordinal),
            });
            return VersionOf(name, version);
        });
    }

    public IReadOnlyList<RegisteredModel> ListModels() =>
        Read(() => Registry().Models.Select(m => m.ToPublic()).OrderBy(m => m.Name, StringComparer.Ordinal).ToList());

    public IReadOnlyList<ModelVersion> ListVersions(string name)
    {
        StoreNames.ValidateModelName(name);
        return Read(() =>
        {
            ModelState model = ModelOf(name);
            return model.LiveVersions.Select(model.ToPublic).ToList();
        });
    }

    public ModelVersion GetVersion(string name, int version)
    {
        StoreNames.ValidateModelName(name);
        return Read(() => VersionOf(name, version));
    }

    public ModelVersion? GetVersionByStage(string name, ModelStage stage)
    {
        StoreNames.ValidateModelName(name);
        return Read(() =>
        {
            ModelState model = ModelOf(name);
            VersionState? latest = model.LiveVersions.LastOrDefault(v => v.Stage == stage);
            return latest is null ? null : model.ToPublic(latest);
        });
    }

    public ModelVersion GetVersionByAlias(string name, string alias)
    {
        StoreNames.ValidateModelName(name);
        StoreNames.ValidateAlias(alias);
        return Read(() =>
        {
            ModelState model = ModelOf(name);
            return model.Aliases.TryGetValue(alias, out int version) ? model.ToPublic(model.Get(version)!) : throw AliasNotFound(name, alias);
        });
    }

    public ModelVersion TransitionStage(string name, int version, ModelStage stage, bool archiveExistingInStage, string? reason,
        IReadOnlyDictionary<string, string>? details = null)
    {
        StoreNames.ValidateModelName(name);
        if (!Enum.IsDefined(stage))
            throw StoreException.Invalid("InvalidStage", $"'{stage}' is not a stage (None, Staging, Production, Archived).", $"models:/{name}/{version}");
        ValidateKeys(details?.Keys, "Detail key");
        return Mutate(() =>
        {
            ModelState model = ModelOf(name);
            VersionState target = LiveOf(model, version);
            var holders = model.LiveVersions.Where(v => v.Stage == stage && v.Version != version).Select(v => v.Version).ToList();
            if (stage == ModelStage.Production && holders.Count > 0 && !archiveExistingInStage)
                throw new StoreException("ProductionOccupied", RetrainErrorKind.InvalidOperation,
                    $"Version {holders[^1]} of model '{name}' is in Production; a model has at most one Production version. " +
                    "Archive it in the same change (archive existing versions in the stage) to promote version " + version + ".",
                    $"models:/{name}/{version}");
            bool archives = archiveExistingInStage && stage is ModelStage.Staging or ModelStage.Production && holders.Count > 0;
            var recorded = Copy(details);
            recorded["previous_stage"] = target.Stage.ToString();
            Append(NewEvent(RegistryActions.TransitionStage, name, version, reason) with
            {
                Stage = stage,
                PreviousVersion = holders.Count > 0 ? holders[^1] : null,
                Archived = archives ? holders : null,
                Details = recorded,
            });
            return VersionOf(name, version);
        });
    }

    public ModelVersion SetAlias(string name, string alias, int version, string? reason)
    {
        StoreNames.ValidateModelName(name);
        StoreNames.ValidateAlias(alias);
        return Mutate(() =>
        {
            ModelState model = ModelOf(name);
            LiveOf(model, version);
            Append(NewEvent(RegistryActions.SetAlias, name, version, reason) with
            {
                Alias = alias,
                PreviousVersion = model.Aliases.TryGetValue(alias, out int previous) ? previous : null,
            });
            return VersionOf(name, version);
        });
    }

    public void DeleteAlias(string name, string alias, string? reason)
    {
        StoreNames.ValidateModelName(name);
        StoreNames.ValidateAlias(alias);
        Mutate(() =>
        {
            ModelState model = ModelOf(name);
            if (!model.Aliases.TryGetValue(alias, out int version))
                throw AliasNotFound(name, alias);
            Append(NewEvent(RegistryActions.DeleteAlias, name, version, reason) with { Alias = alias });
        });
    }

    public ModelVersion UpdateVersion(string name, int version, string? description, IReadOnlyDictionary<string, string>? setTags,
        IReadOnlyList<string>? removeTags, string? reason)
    {
        StoreNames.ValidateModelName(name);
        ValidateKeys(setTags?.Keys, "Tag key");
        ValidateKeys(removeTags, "Tag key");
        return Mutate(() =>
        {
            VersionOf(name, version);
            Append(NewEvent(RegistryActions.UpdateVersion, name, version, reason) with
            {
                Description = description,
                Tags = setTags is { Count: > 0 } ? Copy(setTags) : null,
                RemoveTags = removeTags is { Count: > 0 } ? removeTags.ToList() : null,
            });
            return VersionOf(name, version);
        });
    }

    public ModelVersion DeleteVersion(string name, int version, string? reason)
    {
        StoreNames.ValidateModelName(name);
        return Mutate(() =>
        {
            ModelVersion doomed = VersionOf(name, version);
            RegistryRules.CheckDeletable(doomed);
            Append(NewEvent(RegistryActions.DeleteVersion, name, version, reason) with
            {
                Stage = doomed.Stage,
                Details = new(StringComparer.Ordinal) { ["run_id"] = doomed.RunId ?? "", ["artifact_sha256"] = doomed.ArtifactSha256 },
            });
            return doomed;
        });
    }

    public IReadOnlyList<RegistryEvent> GetEvents(string? modelName = null)
    {
        if (modelName is not null)
            StoreNames.ValidateModelName(modelName);
        return Read(() => Registry().Events
            .Where(e => modelName is null || e.Model == modelName)
            .Select(RegistryState.ToPublic).ToList());
    }

    public VerifiedFiles ReadVersionFiles(ModelVersion version, long maxBytes = VerifiedFiles.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(version);
        StoreNames.ValidateModelName(version.Name);
        return Read(() =>
        {
            // Check against what the registry recorded, not against the (caller-supplied) object.
            ModelState model = ModelOf(version.Name);
            VersionState registered = LiveOf(model, version.Version);
            string uri = $"models:/{version.Name}/{version.Version}";
            EventRecord registration = Registry().Events.First(e =>
                e.Action == RegistryActions.RegisterVersion && e.Model == version.Name && e.Version == version.Version);
            string runId = registered.RunId ?? throw Corrupt(_events.Path, $"{uri} has no run id");
            string directory = registration.Details?.GetValueOrDefault("artifact_directory") ?? throw Corrupt(_events.Path, $"{uri} has no artifact directory");

            // Each file is read once and hashed from those bytes: the bytes checked are the bytes handed out.
            string folder = ArtifactFullPath(runId, directory);
            var contents = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            long remaining = maxBytes;
            foreach (string relative in FileHashes(runId, directory, hash: false).Keys)
            {
                byte[] bytes;
                try
                {
                    bytes = VerifiedFiles.ReadBounded(Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar)), ref remaining, uri);
                }
                catch (FileNotFoundException)
                {
                    continue; // gone since the listing: VerifyArtifacts names it as missing
                }
                contents[relative] = bytes;
                hashes[relative] = ArtifactDigest.HashBytes(bytes);
            }
            RegistryRules.VerifyArtifacts(model.ToPublic(registered), registered.Files, hashes, version.ArtifactSha256);
            return new VerifiedFiles(model.ToPublic(registered), contents);
        });
    }

    /// <summary>The registry as of now: folds the lines appended since this instance last looked (the caller holds the gate).</summary>
    private RegistryState Registry()
    {
        JsonLinesLog.Chunk chunk = _events.ReadAfter(_eventsCursor, _registry.LastSequence);
        if (chunk.Restarted)
            _registry = new RegistryState();
        try
        {
            foreach (var (lineNumber, bytes) in chunk.Lines)
            {
                EventRecord e = ParseLine<EventRecord>(_events, lineNumber, bytes);
                RegistryRules.CheckReadable(e.Format, e.Action, $"line {lineNumber} of '{_events.Path}'", _events.Path);
                if (_registry.Apply(e) is string problem)
                    throw Corrupt(_events.Path, $"line {lineNumber} {problem}");
            }
        }
        catch
        {
            // Start over next time rather than resume from a half-applied chunk.
            _registry = new RegistryState();
            _eventsCursor = JsonLinesLog.Cursor.Start;
            throw;
        }
        _eventsCursor = chunk.Next;
        if (chunk.TornTail)
            HandleTornTail(_events);
        return _registry;
    }

    /// <summary>Appends one event (the lock held, the state fresh) and folds it in.</summary>
    private void Append(EventRecord e)
    {
        Registry();
        e.Sequence = _registry.LastSequence + 1;
        AppendLines(_events, new[] { JsonSerializer.SerializeToUtf8Bytes(e, StoreJson.Line) });
        Registry();
    }

    private static EventRecord NewEvent(string action, string name, int version, string? reason)
    {
        var (timestamp, user, machine) = RegistryRules.Stamp();
        return new()
        {
            Format = RegistryRules.FormatOf(action),
            Timestamp = timestamp,
            User = user,
            Machine = machine,
            Action = action,
            Model = name,
            Version = version,
            Reason = reason,
        };
    }

    private ModelState ModelOf(string name) => Registry().Find(name) ?? throw StoreException.ModelNotFound(name);

    private ModelVersion VersionOf(string name, int version)
    {
        ModelState model = ModelOf(name);
        return model.ToPublic(LiveOf(model, version));
    }

    /// <summary>A version that was registered and not deleted; a deleted one is an error saying so.</summary>
    private static VersionState LiveOf(ModelState model, int version) => model.Get(version) switch
    {
        null => throw StoreException.VersionNotFound(model.Name, version),
        { Deleted: true } => throw RegistryRules.VersionDeleted(model.Name, version),
        var live => live,
    };

    private static StoreException AliasNotFound(string name, string alias) =>
        StoreException.NotFound("ModelAliasNotFound", $"Model '{name}' has no alias '{alias}'.", $"models:/{name}@{alias}");
}
