namespace Retrain.Engine.Store;

/// <summary>Who holds a model's pipeline lease, as far as the store can tell (for the Skipped message).</summary>
public sealed record PipelineLeaseHolder
{
    /// <summary>The machine the holding run started on; null when the holder left no note (it has only just taken the lease).</summary>
    public string? Machine { get; init; }
    public int? Pid { get; init; }
    public string? User { get; init; }
    /// <summary>When the holder took the lease: the start of its run.</summary>
    public DateTimeOffset? Since { get; init; }

    public override string ToString() => Machine is null
        ? "another run (it has just started and has not said who it is yet)"
        : $"pid {Pid} on {Machine}{(User is null ? "" : $" (user {User})")}, running since {Since:yyyy-MM-dd HH:mm:ss} UTC";
}

/// <summary>
/// One retraining run per model at a time, across processes: a lease taken without waiting. The file store holds an OS
/// lock on a file per model (released by the OS when the holder dies, so a killed run's lease is free at once); a shared
/// database store implements it with an advisory lock. The lease is released by disposing it.
/// </summary>
public interface IPipelineLeases
{
    /// <summary>One attempt, never waits: the lease, or null and who holds it.</summary>
    IDisposable? TryAcquirePipelineLease(string modelName, out PipelineLeaseHolder? holder);
}
