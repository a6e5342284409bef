namespace Retrain.Engine.Store;

/// <summary>
/// Finding and removing what killed processes leave in a store: runs left Running by a process of this machine that
/// has ended (marked Killed), the store's own temporary files, and model copies no registered version names (from a
/// kill during a registration). A run whose owner ran on another machine is left alone: nothing here can tell whether
/// that process still runs. Temporary files and copies younger than <see cref="MinimumAge"/> are left alone too: a
/// live process may still be writing them.
/// </summary>
public interface IStoreRepair
{
    /// <summary>How old an unfinished file must be before it counts as left behind.</summary>
    static TimeSpan MinimumAge { get; } = TimeSpan.FromHours(1);

    /// <summary>Every leftover, found without the store's lock and without changing anything (each <see cref="RepairAction.Done"/> false).</summary>
    IReadOnlyList<RepairAction> FindLeftovers();

    /// <summary>
    /// Under the store's lock, checks each found leftover again (it may have been repaired, or a run may have ended,
    /// since it was found) and repairs those still due; returns each with <see cref="RepairAction.Done"/> and why.
    /// </summary>
    IReadOnlyList<RepairAction> Repair(IEnumerable<RepairAction> found);
}
