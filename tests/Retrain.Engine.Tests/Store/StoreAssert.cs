using System.Text;
using Retrain.Engine.Registry;
using Xunit;
using Retrain.Engine.Tracking;
using Retrain.Engine.Store;

namespace Retrain.Engine.Tests.Store;

/// <summary>Shared helpers of the store tests: expected errors, and a run holding a small model.</summary>
internal static class StoreAssert
{
    /// <summary>The call fails with a store error of this kind and id.</summary>
    public static RetrainException Fails(RetrainErrorKind kind, string errorId, Action call)
    {
        var e = Assert.ThrowsAny<RetrainException>(call);
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    public static RetrainException Fails(RetrainErrorKind kind, string errorId, Func<object?> call) => Fails(kind, errorId, () => { call(); });

    public static Stream Text(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static string ReadText(Stream stream)
    {
        using (stream)
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            return reader.ReadToEnd();
    }

    /// <summary>A finished run with a model directory <c>model/</c> (two files) and an unrelated artifact, plus a metric.</summary>
    public static Run RunWithModel(IRetrainStore store, string experiment = "training", string content = "weights-1")
    {
        Run run = store.StartRun(experiment);
        store.LogArtifact(run.RunId, "model/model.zip", Text(content));
        store.LogArtifact(run.RunId, "model/manifest.json", Text("{\"features\":[\"s1\"]}"));
        store.LogArtifact(run.RunId, "drift_report.json", Text("{}"));
        store.LogMetrics(run.RunId, new[] { new MetricPoint("mae", 12.5, 0, DateTimeOffset.UtcNow) });
        return store.EndRun(run.RunId, RunStatus.Finished);
    }

    public static ModelVersion Register(IRetrainStore store, string name = "pm", string? reason = null)
    {
        Run run = RunWithModel(store);
        return store.RegisterVersion(name, run.RunId, "model", reason: reason);
    }

    /// <summary>The digest as the contract defines it, computed independently of the engine.</summary>
    public static string ExpectedDigest(IEnumerable<(string Path, string Content)> files)
    {
        var lines = files
            .Select(f => $"{f.Path}:{Hex(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(f.Content)))}\n")
            .OrderBy(l => l, StringComparer.Ordinal);
        return Hex(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
