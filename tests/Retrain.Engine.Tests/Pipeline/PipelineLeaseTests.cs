using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Xunit;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>The file store's pipeline lease: one holder per model, never waiting, named to whoever is refused.</summary>
public sealed class PipelineLeaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retrain-lease-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_second_taker_is_refused_at_once_with_the_holder_and_gets_it_once_released()
    {
        using var first = new FileRetrainStore(_folder);
        using var second = new FileRetrainStore(_folder);
        var lease = first.TryAcquirePipelineLease("pm", out var none);
        Assert.NotNull(lease);
        Assert.Null(none);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(second.TryAcquirePipelineLease("pm", out PipelineLeaseHolder? holder));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "a refused lease never waits");
        Assert.NotNull(holder);
        Assert.Equal(Environment.MachineName, holder!.Machine);
        Assert.Equal(Environment.ProcessId, holder.Pid);
        Assert.True(holder.Since > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}", holder.ToString());
        lease!.Dispose();
        using var again = second.TryAcquirePipelineLease("pm", out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void Each_model_has_its_own_lease_and_the_store_lock_is_not_it()
    {
        using var store = new FileRetrainStore(_folder);
        using var pm = store.TryAcquirePipelineLease("pm", out _);
        using var other = store.TryAcquirePipelineLease("other", out _);
        Assert.NotNull(pm);
        Assert.NotNull(other);
        // The run's own changes take the store lock while the lease is held.
        store.GetOrCreateExperiment("retraining_pipeline");
    }

    [Fact]
    public void A_model_name_never_becomes_a_path() =>
        Assert.ThrowsAny<RetrainException>(() => new FileRetrainStore(_folder).TryAcquirePipelineLease("../escape", out _));
}
