using Retrain.Engine.Store;

namespace Retrain.Engine.Registry;

/// <summary>What a model URI resolved to: the registered version (null for <c>runs:/</c> and paths) and where its files are.</summary>
public sealed class ResolvedModel
{
    /// <summary>The registered version, or null for a run artifact or a plain path.</summary>
    public ModelVersion? Version { get; init; }

    /// <summary>
    /// A registered version's files, read once and verified against the registered digest; load from these (never
    /// from the store's folder, which could change after the check). Null for a run artifact or a plain path.
    /// </summary>
    public VerifiedFiles? Files { get; init; }

    /// <summary>The local folder holding a run artifact's or a path's files; null for a registered version (see <see cref="Files"/>).</summary>
    public string? LocalFolder { get; init; }

    /// <summary>The exact file or folder named: the folder itself, or a file when a run artifact or path names one; null for a version.</summary>
    public string? LocalPath { get; init; }

    /// <summary>The concrete URI: <c>models:/name/3</c> for any registry form, else the run URI or full path.</summary>
    public required string Uri { get; init; }

    /// <summary>The URI as asked for, parsed (e.g. <c>models:/name/Production</c>).</summary>
    public required ModelUri Requested { get; init; }

    public override string ToString() => Uri;
}
