using System.Diagnostics;
using Retrain.Engine.Configuration;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Training;

/// <summary>Ctrl+C reaches a fit in flight, not only the gaps between training steps.</summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.FastForest)]
    public void A_long_fit_stops_soon_after_its_token_is_cancelled(TrainerKind trainer)
    {
        // 20,000 trees on FD001 take minutes; cancelled after 0.5 s the fit must end within a few seconds.
        var request = Fd001.Request(Fd001.Options(trainer, trees: 20_000));
        using var cts = new CancellationTokenSource();
        // A thread of its own, as Ctrl+C arrives on a signal thread: a timer would wait for a pool thread.
        var canceller = new Thread(() => { Thread.Sleep(500); cts.Cancel(); }) { IsBackground = true };
        canceller.Start();
        var clock = Stopwatch.StartNew();
        var e = Record.Exception(() => ModelTrainer.Train(request, cancellation: cts.Token));
        Assert.True(e is OperationCanceledException, $"after {clock.Elapsed.TotalSeconds:F1} s: {e?.GetType().FullName}: {e?.Message} cancelled={cts.IsCancellationRequested}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the fit took {clock.Elapsed.TotalSeconds:F1} s to stop");
        Assert.True(MlCancellation.Supported, "ML.NET's CancelExecution was not found");
    }
}
