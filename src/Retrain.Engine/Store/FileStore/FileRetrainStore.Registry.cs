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
            if (state.Find(name) is null)
                CheckNumberingNotReset(name);
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
            TagRegisteredRun(runId, name, version);
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
        IReadOnlyDictionary<string, string>? details = null, int? expectedProductionVersion = null, ModelStage? expectedStage = null,
        RoleExpectation? expectedRole = null)
    {
        StoreNames.ValidateModelName(name);
        if (!Enum.IsDefined(stage))
            throw StoreException.Invalid("InvalidStage", $"'{stage}' is not a stage (None, Staging, Production, Archived).", $"models:/{name}/{version}");
        ValidateKeys(details?.Keys, "Detail key");
        return Mutate(() =>
        {
            ModelState model = ModelOf(name);
            VersionState target = LiveOf(model, version);
            CheckProductionExpected(model, expectedProductionVersion);
            CheckRoleExpected(model, expectedRole);
            if (expectedStage is ModelStage was && target.Stage != was)
                throw RegistryRules.StageMoved(name, version, was, target.Stage, AllEvents().Select(RegistryState.ToPublic).ToList());
            var holders = model.LiveVersions.Where(v => v.Stage == stage && v.Version != version).Select(v => v.Version).ToList();
            if (stage == ModelStage.Production && holders.Count > 0 && !archiveExistingInStage)
                throw new StoreException("ProductionOccupied", RetrainErrorKind.InvalidOperation,
                    $"Version {holders[^1]} of model '{name}' is in Production; a model has at most one Production version. " +
                    "Archive it in the same change (archive existing versions in the stage) to promote version " + version + ".",
                    $"models:/{name}/{version}");
            bool archives = archiveExistingInStage && stage is ModelStage.Staging or ModelStage.Production && holders.Count > 0;
            var recorded = Copy(details);
            recorded["previous_stage"] = target.Stage.ToString();
            List<string>? ended = RegistryRules.RolesEndedBy(model.Roles.ToDictionary(r => r.Key, r => r.Value.Version), version, stage, archives ? holders : null);
            Append(NewEvent(RegistryActions.TransitionStage, name, version, reason) with
            {
                Format = ended is null ? RegistryRules.FormatOf(RegistryActions.TransitionStage) : RegistryRules.RoleFormat,
                Stage = stage,
                PreviousVersion = holders.Count > 0 ? holders[^1] : null,
                Archived = archives ? holders : null,
                Details = recorded,
                EndedRoles = ended,
            });
            return VersionOf(name, version);
        });
    }

    public ModelVersion SetRole(string name, DeploymentRole role, int version, int? trafficPercent, string? reason,
        IReadOnlyDictionary<string, string>? details = null, int? expectedProductionVersion = null, RoleExpectation? expectedRole = null)
    {
        StoreNames.ValidateModelName(name);
        string roleName = RoleNames.Of(role);
        RegistryRules.CheckTrafficPercent(role, trafficPercent, $"models:/{name}/{version}");
        ValidateKeys(details?.Keys, "Detail key");
        return Mutate(() =>
        {
            ModelState model = ModelOf(name);
            VersionState target = LiveOf(model, version);
            CheckProductionExpected(model, expectedProductionVersion);
            CheckRoleExpected(model, expectedRole);
            RegistryRules.CheckRoleAssignable(model.ToPublic(target), role);
            Append(NewEvent(RegistryActions.SetRole, name, version, reason) with
            {
                Role = roleName,
                TrafficPercent = trafficPercent,
                PreviousVersion = model.Roles.TryGetValue(roleName, out RoleState? previous) ? previous.Version : null,
                Details = Copy(details),
            });
            return VersionOf(name, version);
        });
    }

    public ModelVersion EndRole(string name, DeploymentRole role, string? reason, IReadOnlyDictionary<string, string>? details = null,
        RoleExpectation? expectedRole = null)
    {
        StoreNames.ValidateModelName(name);
        string roleName = RoleNames.Of(role);
        ValidateKeys(details?.Keys, "Detail key");
        return Mutate(() =>
        {
            ModelState model = ModelOf(name);
            CheckRoleExpected(model, expectedRole);
            if (!model.Roles.TryGetValue(roleName, out RoleState? held))
                throw RegistryRules.NoRole(name, role);
            ModelVersion holder = VersionOf(name, held.Version);
            Append(NewEvent(RegistryActions.EndRole, name, held.Version, reason) with { Role = roleName, Details = Copy(details) });
            return holder;
        });
    }

    public IReadOnlyList<RoleAssignment> GetRoles(string name)
    {
        StoreNames.ValidateModelName(name);
        return Read(() => ModelOf(name).Roles.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.ToPublic(name, r.Key)).ToList());
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
        return Read(() => AllEvents()
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
            string runId = registered.RunId ?? throw Corrupt(_events.Path, $"{uri} has no run id");
            string directory = registered.ArtifactDirectory ?? throw Corrupt(_events.Path, $"{uri} has no artifact directory");

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

    /// <summary>
    /// The registry as of now: folds the lines appended since this instance last looked (the caller holds the gate).
    /// A new instance starts from the checkpoint when the log still matches it, else from the first line.
    /// </summary>
    private RegistryState Registry()
    {
        // The head first: a log read after it holds at least the events it names.
        RegistryHead? head = RegistryHead.Read(_headPath);
        _replay ??= OpenReplay();
        JsonLinesLog.Chunk chunk = _events.ReadAfter(_replay.Cursor, _replay.State.LastSequence);
        if (chunk.Restarted)
        {
            _replay.Dispose();
            _replay = new RegistryReplay(_events.Path);
        }
        try
        {
            _replay.Apply(chunk, Anchors(head));
        }
        catch
        {
            // Start over next time rather than resume from a half-applied chunk.
            _replay.Dispose();
            _replay = null;
            throw;
        }
        if (chunk.TornTail)
            HandleTornTail(_events);
        return _replay.State;
    }

    private RegistryReplay OpenReplay()
    {
        _checkpointAnchor = null;
        if (!UseCheckpoint || RegistryCheckpoint.Read(_checkpointPath) is not RegistryCheckpoint checkpoint)
            return new RegistryReplay(_events.Path);
        if (File.Exists(_events.Path) && RegistryReplay.Resume(_events.Path, checkpoint) is RegistryReplay resumed)
            return resumed;
        _checkpointAnchor = new RegistryReplay.Anchor(checkpoint.Sequence, checkpoint.Offset, checkpoint.Hash, _checkpointPath);
        return new RegistryReplay(_events.Path);
    }

    private List<RegistryReplay.Anchor> Anchors(RegistryHead? head)
    {
        var anchors = new List<RegistryReplay.Anchor>(2);
        if (head is not null)
            anchors.Add(new RegistryReplay.Anchor(head.Sequence, head.Offset, head.Hash, _headPath));
        if (_checkpointAnchor is not null)
            anchors.Add(_checkpointAnchor);
        return anchors;
    }

    /// <summary>Every event from the first line, checked as a fresh reader checks them (the history is read in full).</summary>
    private List<EventRecord> AllEvents()
    {
        RegistryHead? head = RegistryHead.Read(_headPath);
        using var replay = new RegistryReplay(_events.Path);
        var events = new List<EventRecord>();
        replay.Apply(_events.ReadAfter(JsonLinesLog.Cursor.Start, 0), Anchors(head), events.Add);
        return events;
    }

    /// <summary>
    /// Appends one event (the lock held, the state fresh), chained to the log before it, folds it in and moves the
    /// head; every <see cref="RegistryCheckpoint.Interval"/> events it writes a checkpoint, first checking that the
    /// registry it would save is the one the whole log gives.
    /// </summary>
    private void Append(EventRecord e)
    {
        RegistryState state = Registry();
        long lastCheckpoint = _replay!.StartSequence;
        bool checkpoint = UseCheckpoint && state.LastSequence + 1 - Math.Max(lastCheckpoint, CheckpointWritten) >= RegistryCheckpoint.Interval;
        if (checkpoint)
            VerifyAgainstFullReplay(state);
        e.Sequence = state.LastSequence + 1;
        e.PreviousHash = _replay.Chain.Current;
        AppendLines(_events, new[] { JsonSerializer.SerializeToUtf8Bytes(e, StoreJson.Line) });
        StepDelay.Pause();
        state = Registry();
        new RegistryHead { Sequence = state.LastSequence, Offset = _replay.Chain.Offset, Hash = _replay.Chain.Current }.Write(_headPath);
        if (checkpoint)
        {
            AtomicFile.WriteAllBytes(_checkpointPath,
                RegistryCheckpoint.Serialize(state, _replay.Cursor.Offset, _replay.Cursor.LastLineStart, _replay.Chain.Current));
            CheckpointWritten = state.LastSequence;
        }
    }

    /// <summary>False: fold the whole log and write no checkpoint (the benchmark's like-for-like side).</summary>
    internal bool UseCheckpoint { get; init; } = true;

    /// <summary>The sequence of the last checkpoint this instance wrote.</summary>
    private long CheckpointWritten { get; set; }

    /// <summary>A registry resumed from a checkpoint must be the one the events give: otherwise the checkpoint was changed.</summary>
    private void VerifyAgainstFullReplay(RegistryState state)
    {
        if (_replay!.StartSequence == 0)
            return; // folded from the first line by this instance: nothing was taken on trust
        RegistryHead? head = RegistryHead.Read(_headPath);
        using var full = new RegistryReplay(_events.Path);
        full.Apply(_events.ReadAfter(JsonLinesLog.Cursor.Start, 0), Anchors(head));
        var fromLog = RegistryCheckpoint.Encode(full.State);
        var held = RegistryCheckpoint.Encode(state);
        if (full.State.LastSequence != state.LastSequence || fromLog.VersionLines != held.VersionLines || !fromLog.Lines.AsSpan().SequenceEqual(held.Lines) ||
            JsonSerializer.Serialize(fromLog.Models, StoreJson.Line) != JsonSerializer.Serialize(held.Models, StoreJson.Line))
            throw Corrupt(_checkpointPath,
                $"the registry it holds (after event {_replay.StartSequence}) differs from the one the event log gives: it was changed after it was written. " +
                "Nothing was written; delete it and the next writer rebuilds it from the log");
    }

    /// <summary>The run that holds a version's files says which version it became: what numbering is checked against.</summary>
    private void TagRegisteredRun(string runId, string name, int version)
    {
        RunRecord run = LoadRun(runId);
        MergeTags(run, new Dictionary<string, string>
        {
            [RunTags.ModelName] = name,
            [RunTags.ModelVersion] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        WriteJson(RunFile(runId), run);
    }

    /// <summary>
    /// Version numbers never go backwards while runs of the model exist: a model the registry does not know must not
    /// have runs that became its versions, or the log was emptied or replaced (and the next version would reuse a number).
    /// Read once per model, at its first registration.
    /// </summary>
    private void CheckNumberingNotReset(string name)
    {
        if (!Directory.Exists(_runsPath))
            return;
        int highest = 0;
        string? holder = null;
        foreach (string folder in Directory.EnumerateDirectories(_runsPath))
        {
            string runId = Path.GetFileName(folder);
            if (!StoreNames.IsRunId(runId) || ReadJson<RunRecord>(RunFile(runId)) is not RunRecord run)
                continue;
            if (run.Tags.GetValueOrDefault(RunTags.ModelName) == name &&
                int.TryParse(run.Tags.GetValueOrDefault(RunTags.ModelVersion), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v) &&
                v > highest)
                (highest, holder) = (v, runId);
        }
        if (holder is not null)
            throw Corrupt(_events.Path,
                $"it holds no version of model '{name}', but run '{holder}' became version {highest} of it: the log was emptied or replaced. " +
                "Nothing was registered (the next version would reuse a number); restore the log from a backup");
    }

    /// <summary>Optimistic concurrency, under the lock: Production must still hold <paramref name="expected"/> (0: none), else ProductionMoved.</summary>
    private void CheckProductionExpected(ModelState model, int? expected)
    {
        if (expected is not int version)
            return;
        int current = model.LiveVersions.LastOrDefault(v => v.Stage == ModelStage.Production)?.Version ?? 0;
        if (current != version)
            throw RegistryRules.ProductionMoved(model.Name, version, current, AllEvents().Select(RegistryState.ToPublic).ToList());
    }

    /// <summary>Optimistic concurrency on a role, under the lock: it must still be held since the expected event (or by none), else RoleMoved.</summary>
    private void CheckRoleExpected(ModelState model, RoleExpectation? expected)
    {
        if (expected is not { } e)
            return;
        long? current = model.Roles.TryGetValue(RoleNames.Of(e.Role), out RoleState? held) ? held.Sequence : null;
        if (current != e.Sequence)
            throw RegistryRules.RoleMoved(model.Name, e, held?.ToPublic(model.Name, RoleNames.Of(e.Role)), AllEvents().Select(RegistryState.ToPublic).ToList());
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
