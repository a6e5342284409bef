namespace Retrain.Engine.Store;

/// <summary>What a crash left behind (<see cref="IStoreRepair"/>).</summary>
public enum RepairKind : long
{
    /// <summary>A run left Running by a process of this machine that has ended: it is marked Killed.</summary>
    KilledRun,

    /// <summary>A temporary file or folder of the store's own (<c>.retrain-tmp-*</c>) that no write finished or removed: it is deleted.</summary>
    OrphanTempFile,

    /// <summary>The model folder of a Failed or Killed run that no registered version (live or removed) names: it is deleted.</summary>
    OrphanModelCopy,
}

/// <summary>One repair: what it is about, how many bytes it frees, whether it was made, and why.</summary>
public sealed record RepairAction
{
    public required RepairKind Kind { get; init; }

    /// <summary>The run (<c>runs:/&lt;id&gt;</c>), the model copy (<c>runs:/&lt;id&gt;/model</c>) or the temporary file's full path.</summary>
    public required string Target { get; init; }

    /// <summary>The run it concerns, when it concerns one.</summary>
    public string? RunId { get; init; }

    /// <summary>The file or folder on disk (for a killed run, its run record).</summary>
    public required string Path { get; init; }

    /// <summary>What deleting it frees (0 for a killed run).</summary>
    public long Bytes { get; init; }

    /// <summary>True once the repair was made; false when only found (-WhatIf) or no longer due when re-checked.</summary>
    public bool Done { get; init; }

    /// <summary>Why it is a leftover, or why it was left alone at the re-check.</summary>
    public required string Detail { get; init; }

    public override string ToString() => $"{Kind} {Target}";
}
