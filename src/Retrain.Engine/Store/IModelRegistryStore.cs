using Retrain.Engine.Registry;

namespace Retrain.Engine.Store;

/// <summary>The registry seam: models, versions, stages, aliases and their change events (MLflow's model registry store).</summary>
public interface IModelRegistryStore
{

    /// <summary>
    /// Registers the files under the run's <paramref name="artifactDirectory"/> as the next version of
    /// <paramref name="name"/> (creating the model), recording their digest. <paramref name="metrics"/> null takes
    /// the run's latest metrics.
    /// </summary>
    ModelVersion RegisterVersion(string name, string runId, string artifactDirectory, string? description = null,
        IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, double>? metrics = null, string? reason = null);

    IReadOnlyList<RegisteredModel> ListModels();

    /// <summary>Every version of the model, oldest first.</summary>
    IReadOnlyList<ModelVersion> ListVersions(string name);

    ModelVersion GetVersion(string name, int version);

    /// <summary>The highest version in that stage, or null; an unknown model is an ObjectNotFound error.</summary>
    ModelVersion? GetVersionByStage(string name, ModelStage stage);

    /// <summary>The highest version in that stage; none is <see cref="StoreException.NoVersionInStage"/> (NoProductionVersion for Production).</summary>
    ModelVersion RequireVersionInStage(string name, ModelStage stage) =>
        GetVersionByStage(name, stage) ?? throw StoreException.NoVersionInStage(name, stage);

    ModelVersion GetVersionByAlias(string name, string alias);

    /// <summary>
    /// Moves a version to a stage in one all-or-nothing change. With <paramref name="archiveExistingInStage"/>, the
    /// other versions in that stage move to Archived in the same change (a promotion or a rollback). Production
    /// holds at most one version: moving a version there while another is in Production without
    /// <paramref name="archiveExistingInStage"/> is an InvalidOperation error (ProductionOccupied).
    /// <paramref name="details"/> are recorded in the event (e.g. a deployment strategy).
    /// <paramref name="expectedProductionVersion"/> (0: none) is checked in the same change: when Production holds
    /// another version by then, nothing changes and the error (ProductionMoved) names who moved it.
    /// <paramref name="expectedStage"/> is checked the same way for the version itself: when it left that stage by
    /// then (two people deciding one approval request at once), nothing changes and the error (StageMoved) names who moved it.
    /// </summary>
    ModelVersion TransitionStage(string name, int version, ModelStage stage, bool archiveExistingInStage, string? reason,
        IReadOnlyDictionary<string, string>? details = null, int? expectedProductionVersion = null, ModelStage? expectedStage = null,
        RoleExpectation? expectedRole = null);

    /// <summary>
    /// Gives the version a deployment role (shadow, or canary with its traffic percent) in one event, taking it from the
    /// version that held it. Refused for the Production version, an Archived one, or one that holds the other role
    /// (<see cref="RegistryRules.CheckRoleAssignable"/>). <paramref name="expectedProductionVersion"/> (0: none) is
    /// checked in the same change, as for <see cref="TransitionStage"/>. A stage change that moves the holder to
    /// Production or Archived ends its role in that same event. <paramref name="expectedRole"/> (on this, on
    /// <see cref="EndRole"/> and on <see cref="TransitionStage"/>) is checked the same way for a role: when the role was
    /// given, moved or ended since the event the caller read (a canary aborted while its gate was being evaluated),
    /// nothing changes and the error (RoleMoved) names who changed it.
    /// </summary>
    ModelVersion SetRole(string name, DeploymentRole role, int version, int? trafficPercent, string? reason,
        IReadOnlyDictionary<string, string>? details = null, int? expectedProductionVersion = null, RoleExpectation? expectedRole = null);

    /// <summary>Ends the role without changing any stage and returns the version that held it; none held is NoDeploymentRole.</summary>
    ModelVersion EndRole(string name, DeploymentRole role, string? reason, IReadOnlyDictionary<string, string>? details = null,
        RoleExpectation? expectedRole = null);

    /// <summary>The roles held now, by role name; an unknown model is an ObjectNotFound error.</summary>
    IReadOnlyList<RoleAssignment> GetRoles(string name);

    /// <summary>Points the alias at the version, moving it if another version held it.</summary>
    ModelVersion SetAlias(string name, string alias, int version, string? reason);

    /// <summary>Removes the alias; an unknown alias is an ObjectNotFound error.</summary>
    void DeleteAlias(string name, string alias, string? reason);

    /// <summary>Changes the description (null keeps it), sets and removes tags.</summary>
    ModelVersion UpdateVersion(string name, int version, string? description, IReadOnlyDictionary<string, string>? setTags,
        IReadOnlyList<string>? removeTags, string? reason);

    /// <summary>
    /// Deletes a version as a tombstone event: it leaves listings, stage and alias lookups, and its number is never given
    /// again, while its registration stays in the log. A version in Production (VersionInProduction) or holding an alias
    /// (VersionHasAlias) is refused (<see cref="RegistryRules.CheckDeletable"/>); a deleted one is ModelVersionNotFound.
    /// The run that holds its files is kept. Returns the version as it was.
    /// </summary>
    ModelVersion DeleteVersion(string name, int version, string? reason);

    /// <summary>The registry's change log, oldest first, optionally for one model.</summary>
    IReadOnlyList<RegistryEvent> GetEvents(string? modelName = null);

    /// <summary>
    /// Reads the version's files into memory once (at most <paramref name="maxBytes"/> in all, else ModelTooLarge),
    /// hashes those bytes and returns them only when their digest equals the one recorded at registration (and
    /// <see cref="ModelVersion.ArtifactSha256"/> of the caller's copy); otherwise a SecurityError (ArtifactTampered)
    /// naming the version and file. Callers load and export from the returned bytes, never from the store's files
    /// again, so a file swapped after the check cannot be served.
    /// </summary>
    VerifiedFiles ReadVersionFiles(ModelVersion version, long maxBytes = VerifiedFiles.DefaultMaxBytes);
}
