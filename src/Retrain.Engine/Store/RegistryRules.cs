using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>
/// What every registry backend does the same way, so a backend only stores and loads: the event format and the
/// actions a reader knows, version numbering, who/where/when of an event, and the SHA-256 check of a version's files.
/// </summary>
public static class RegistryRules
{
    /// <summary>
    /// The newest registry event format this Retrain reads. Each event carries (<c>format</c>) the oldest format a reader
    /// must know to read it (<see cref="FormatOf"/>), so a store keeps working with older modules until it holds an event
    /// they would misread. A reader meets a line without one as format 1; a newer format, or an action it does not know,
    /// means a newer Retrain wrote the store.
    /// </summary>
    public const int EventFormat = 3;

    /// <summary>
    /// Format 3 brought deployment roles (set_role, end_role, and a stage change that ends a role): a format-2 reader
    /// would delete or promote a shadow without ending its role, so it must refuse such a line as newer.
    /// </summary>
    public const int RoleFormat = 3;

    public static readonly IReadOnlySet<string> KnownActions = new HashSet<string>(StringComparer.Ordinal)
    {
        RegistryActions.RegisterVersion, RegistryActions.TransitionStage, RegistryActions.SetAlias,
        RegistryActions.DeleteAlias, RegistryActions.UpdateVersion, RegistryActions.DeleteVersion,
        RegistryActions.SetRole, RegistryActions.EndRole,
    };

    /// <summary>
    /// The format an event of this action is written with. Format 2 brought the tombstone (delete_version): a format-1
    /// reader would keep serving a deleted version, so it must refuse the line as newer, not skip or misread it.
    /// </summary>
    public static int FormatOf(string action) => action switch
    {
        RegistryActions.SetRole or RegistryActions.EndRole => RoleFormat,
        RegistryActions.DeleteVersion => 2,
        _ => 1,
    };

    /// <summary>
    /// Refuses an event this Retrain cannot read as written by a newer one (StoreFormatTooNew), not as damage;
    /// <paramref name="where"/> names the store file or table and the line or row.
    /// </summary>
    public static void CheckReadable(int? format, string action, string where, string target)
    {
        int written = format ?? 1;
        if (written <= EventFormat && KnownActions.Contains(action))
            return;
        string what = written > EventFormat ? $"event format {written}" : $"the action '{StoreNames.Show(action)}' (format {written})";
        throw new StoreException("StoreFormatTooNew", RetrainErrorKind.InvalidOperation,
            $"This store was written by a newer Retrain (format {written}); upgrade the module. ({where} uses {what}; this module reads format {EventFormat}.)",
            target);
    }

    /// <summary>
    /// Versions are numbered 1, 2, 3… per model without gaps; <paramref name="latestVersion"/> counts deleted versions
    /// too, so a number is never given twice (as in MLflow).
    /// </summary>
    public static int NextVersion(int latestVersion) => latestVersion + 1;

    /// <summary>
    /// Whether a version may be deleted: not while it is in Production (publish another or roll back first), nor while
    /// an alias names it (a caller resolving the alias would fail); otherwise an InvalidOperation error naming why.
    /// </summary>
    public static void CheckDeletable(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Stage == ModelStage.Production)
            throw new StoreException("VersionInProduction", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} is in Production and cannot be removed: publish another version or roll back first.", version.Uri);
        if (version.Aliases.Count > 0)
            throw new StoreException("VersionHasAlias", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} holds the alias{(version.Aliases.Count > 1 ? "es" : "")} {string.Join(", ", version.Aliases.Select(a => $"'{a}'"))} and cannot be removed: " +
                $"move {(version.Aliases.Count > 1 ? "them" : "it")} to another version (Set-ModelVersion -Alias) or remove {(version.Aliases.Count > 1 ? "them" : "it")} (-RemoveAlias) first.",
                version.Uri);
        if (version.Role is DeploymentRole role)
            throw new StoreException("VersionHasRole", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} is the {RoleNames.Of(role)} of model '{version.Name}' and cannot be removed: end the {RoleNames.Of(role)} first ({EndRoleHint(role, version.Name)}).",
                version.Uri);
    }

    /// <summary>
    /// Whether a version may take a role: not the Production version (a role runs beside it), not an Archived one, and
    /// not one that holds the other role; otherwise an InvalidOperation error naming why.
    /// </summary>
    public static void CheckRoleAssignable(ModelVersion version, DeploymentRole role)
    {
        ArgumentNullException.ThrowIfNull(version);
        string name = RoleNames.Of(role);
        if (version.Stage == ModelStage.Production)
            throw new StoreException("RoleOnProduction", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} is in Production; a {name} runs beside Production, so give another version.", version.Uri);
        if (version.Stage == ModelStage.Archived)
            throw new StoreException("RoleOnArchived", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} is Archived, and an Archived version takes no role: register its files again as a new version " +
                $"(Save-ModelVersion -Name {version.Name} -Version {version.Version} -Destination <folder> | Register-ModelVersion -Name {version.Name}) and make that the {name}.",
                version.Uri);
        if (version.Role is DeploymentRole other && other != role)
            throw new StoreException("VersionHasRole", RetrainErrorKind.InvalidOperation,
                $"{version.Uri} is the {RoleNames.Of(other)} of model '{version.Name}'; a version holds one role at a time: end it first ({EndRoleHint(other, version.Name)}).",
                version.Uri);
    }

    /// <summary>
    /// The roles a stage change ends (null: none): those held by the version it moves to Production or Archived, or by
    /// a version it archives. <paramref name="roles"/> maps each held role to its version.
    /// </summary>
    public static List<string>? RolesEndedBy(IReadOnlyDictionary<string, int> roles, int version, ModelStage stage, IReadOnlyCollection<int>? archived)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var ended = roles.Where(r => (r.Value == version && stage is ModelStage.Production or ModelStage.Archived) || (archived?.Contains(r.Value) ?? false))
            .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        return ended.Count == 0 ? null : ended;
    }

    /// <summary>A canary serves 1..99 percent of the rows; a shadow serves none, so it takes no percent.</summary>
    public static void CheckTrafficPercent(DeploymentRole role, int? percent, string target)
    {
        bool ok = role == DeploymentRole.Canary ? percent is >= 1 and <= 99 : percent is null;
        if (!ok)
            throw StoreException.Invalid("InvalidTrafficPercent", role == DeploymentRole.Canary
                ? $"A canary serves 1..99 percent of the rows, not {percent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}."
                : "A shadow serves no rows, so it takes no traffic percent.", target);
    }

    /// <summary>The error for a role no version holds.</summary>
    public static StoreException NoRole(string name, DeploymentRole role) =>
        StoreException.NotFound("NoDeploymentRole",
            $"Model '{name}' has no {RoleNames.Of(role)}; publish one with Publish-ProductionModel -Strategy {role}.", $"models:/{name}@{RoleNames.Of(role)}");

    private static string EndRoleHint(DeploymentRole role, string name) => role == DeploymentRole.Shadow
        ? $"Undo-ModelDeployment -Name {name} -Shadow, or publish it"
        : $"Undo-ModelDeployment -Name {name} -Canary, or Step-ModelDeployment -Name {name} -Full";

    /// <summary>A run may be deleted unless its artifacts back a registered version that is not deleted (<paramref name="backed"/>).</summary>
    public static void CheckRunDeletable(string runId, IReadOnlyCollection<ModelVersion> backed)
    {
        ArgumentNullException.ThrowIfNull(backed);
        if (backed.Count == 0)
            return;
        string versions = string.Join(", ", backed.Select(v => v.Uri));
        throw new StoreException("RunBacksModelVersion", RetrainErrorKind.InvalidOperation,
            $"Run '{runId}' holds the files of {versions} and cannot be removed: remove {(backed.Count > 1 ? "those versions" : "that version")} first (Remove-ModelVersion).",
            $"runs:/{runId}");
    }

    /// <summary>The same check through the public registry calls, for a caller that asks before it deletes (-WhatIf, a confirmation prompt).</summary>
    public static void CheckRunDeletable(IModelRegistryStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        CheckRunDeletable(runId, store.ListModels().SelectMany(m => store.ListVersions(m.Name)).Where(v => v.RunId == runId).ToList());
    }

    /// <summary>The error for a version that was deleted: not found, and saying why, since its number stays taken.</summary>
    public static StoreException VersionDeleted(string name, int version) =>
        StoreException.NotFound("ModelVersionNotFound",
            $"Version {version} of model '{name}' was removed (see the registry's events); version numbers are never reused.", $"models:/{name}/{version}");

    /// <summary>
    /// The error for a change made against a Production version that is no longer there (optimistic concurrency):
    /// names what is in Production now and the last change that moved it, from <paramref name="events"/>.
    /// </summary>
    public static StoreException ProductionMoved(string name, int expected, int current, IReadOnlyList<RegistryEvent> events)
    {
        RegistryEvent? moved = events.LastOrDefault(e => e.ModelName == name && e.Action == RegistryActions.TransitionStage &&
            (e.Stage == ModelStage.Production || e.Details.GetValueOrDefault("previous_stage") == nameof(ModelStage.Production)));
        string now = current == 0 ? "no version is in Production" : $"version {current} is in Production";
        string expectedText = expected == 0 ? "none" : $"version {expected}";
        string who = moved is null ? "" :
            $" {moved.User} on {moved.Machine} moved it at {moved.Timestamp:yyyy-MM-dd HH:mm:ss} UTC (event {moved.Sequence}{(moved.Reason is { Length: > 0 } r ? $", reason '{r}'" : "")}).";
        return new StoreException("ProductionMoved", RetrainErrorKind.InvalidOperation,
            $"Production of model '{name}' changed: {now}, not {expectedText} as expected.{who} Nothing was changed; " +
            "compare against the version in Production now and try again.", $"models:/{name}/Production");
    }

    /// <summary>
    /// The error for a stage change made against a stage the version has left since (optimistic concurrency on one
    /// version): names its stage now and the last change that moved it, from <paramref name="events"/>.
    /// </summary>
    public static StoreException StageMoved(string name, int version, ModelStage expected, ModelStage current, IReadOnlyList<RegistryEvent> events)
    {
        RegistryEvent? moved = events.LastOrDefault(e => e.ModelName == name && e.Action == RegistryActions.TransitionStage &&
            (e.Version == version || (e.Details.GetValueOrDefault("archived") ?? "").Split(',').Contains(version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        string who = moved is null ? "" :
            $" {moved.User} on {moved.Machine} moved it at {moved.Timestamp:yyyy-MM-dd HH:mm:ss} UTC (event {moved.Sequence}{(moved.Reason is { Length: > 0 } r ? $", reason '{r}'" : "")}).";
        return new StoreException("StageMoved", RetrainErrorKind.InvalidOperation,
            $"Version {version} of model '{name}' is in {current}, not {expected} as expected.{who} Nothing was changed.", $"models:/{name}/{version}");
    }

    /// <summary>
    /// The error for a role change made against a role that changed since (optimistic concurrency on a canary or shadow):
    /// names who holds it now and the last event that gave, moved or ended it, from <paramref name="events"/>.
    /// </summary>
    public static StoreException RoleMoved(string name, RoleExpectation expected, RoleAssignment? current, IReadOnlyList<RegistryEvent> events)
    {
        string role = RoleNames.Of(expected.Role);
        RegistryEvent? moved = events.LastOrDefault(e => e.ModelName == name &&
            (((e.Action == RegistryActions.SetRole || e.Action == RegistryActions.EndRole) && e.Details.GetValueOrDefault("role") == role) ||
             (e.Details.GetValueOrDefault("ended_roles") ?? "").Split(',').Contains(role)));
        string now = current is null ? $"no version is the {role}"
            : $"version {current.Version} is the {role}{(current.TrafficPercent is int p ? $" at {p}%" : "")} since event {current.Sequence}";
        string was = expected.Sequence is long seq ? $"the {role} given by event {seq}" : $"no {role}";
        string who = moved is null ? "" :
            $" {moved.User} on {moved.Machine} changed it at {moved.Timestamp:yyyy-MM-dd HH:mm:ss} UTC (event {moved.Sequence}{(moved.Reason is { Length: > 0 } r ? $", reason '{r}'" : "")}).";
        return new StoreException("RoleMoved", RetrainErrorKind.InvalidOperation,
            $"The {role} of model '{name}' changed: {now}, not {was} as expected.{who} Nothing was changed.", $"models:/{name}@{role}");
    }

    /// <summary>Who, where and when of an event, as every backend records them.</summary>
    public static (DateTimeOffset Timestamp, string User, string Machine) Stamp() =>
        (DateTimeOffset.UtcNow, Environment.UserName, Environment.MachineName);

    /// <summary>
    /// The check before a version's files are handed out: their digest now (from <paramref name="actual"/>, path →
    /// SHA-256) must equal the one recorded at registration, and so must the caller's copy of it when given; otherwise a
    /// SecurityError (ArtifactTampered) naming the version and the first file that differs.
    /// </summary>
    public static void VerifyArtifacts(ModelVersion registered, IReadOnlyDictionary<string, string> registeredFiles,
        IReadOnlyDictionary<string, string> actual, string? claimedDigest)
    {
        string digest = ArtifactDigest.Compute(actual);
        if (digest == registered.ArtifactSha256 && (claimedDigest is not { Length: > 0 } || claimedDigest == registered.ArtifactSha256))
            return;
        string uri = $"models:/{registered.Name}/{registered.Version}";
        string? file = ArtifactDigest.FirstDifference(registeredFiles, actual);
        string which = file is null ? "" : $" (file '{file}' {(actual.ContainsKey(file) ? registeredFiles.ContainsKey(file) ? "changed" : "was added" : "is missing")})";
        throw new StoreException("ArtifactTampered", RetrainErrorKind.SecurityError,
            $"The files of {uri} do not match the SHA-256 recorded at registration{which}: expected {registered.ArtifactSha256}, found {digest}. " +
            "The model was not loaded; re-register it from a trusted run or restore its files.",
            file is null ? uri : $"{uri}/{file}");
    }
}
