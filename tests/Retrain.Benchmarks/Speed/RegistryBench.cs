using System.Text;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tracking;

namespace Retrain.Benchmarks.Speed;

/// <summary>
/// `registry`: what every cmdlet pays to open the file store, at 100 / 1,000 / 10,000 versions. The reference side is
/// the same store opened without its checkpoint, folding the whole event log as every open did before it (issue 13
/// item 7): open and read one version, and open and register one version, each in a new store instance.
/// </summary>
internal sealed partial class SpeedBench
{
    private void RegistryCases()
    {
        int[] sizes = s.Smoke ? [30, 150] : [100, 1_000, 10_000];
        foreach (int versions in sizes)
        {
            string folder = Path.Combine(s.WorkDir, $"registry-{versions}");
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            log($"Registry with {versions} versions: building");
            string runId;
            using (var store = new FileRetrainStore(folder))
            {
                Run run = store.StartRun("bench");
                store.LogArtifact(run.RunId, "model/model.zip", new MemoryStream(Encoding.UTF8.GetBytes("weights")));
                store.LogArtifact(run.RunId, "model/manifest.json", new MemoryStream(Encoding.UTF8.GetBytes("{}")));
                store.EndRun(run.RunId, RunStatus.Finished);
                runId = run.RunId;
                for (int i = 0; i < versions; i++)
                    store.RegisterVersion("pm", runId, "model", metrics: new Dictionary<string, double> { ["mae"] = i, ["rmse"] = i * 1.5 });
            }
            int middle = versions / 2;
            var read = Timing.Alternately(s.Warmup, Math.Max(s.Reps, s.Smoke ? 1 : 10), log,
                ("open + read, checkpoint", () => Timing.InProcess(() =>
                {
                    using var store = new FileRetrainStore(folder);
                    store.GetVersion("pm", middle);
                })),
                ("open + read, whole log", () => Timing.InProcess(() =>
                {
                    using var store = new FileRetrainStore(folder) { UseCheckpoint = false };
                    store.GetVersion("pm", middle);
                })));
            var register = Timing.Alternately(s.Warmup, Math.Max(s.Reps, s.Smoke ? 1 : 10), log,
                ("open + register, checkpoint", () => Timing.InProcess(() =>
                {
                    using var store = new FileRetrainStore(folder);
                    store.RegisterVersion("pm", runId, "model");
                })),
                ("open + register, whole log", () => Timing.InProcess(() =>
                {
                    using var store = new FileRetrainStore(folder) { UseCheckpoint = false };
                    store.RegisterVersion("pm", runId, "model");
                })));
            string note = "reference: the same store opened without its checkpoint (the whole event log folded, as before issue 13)";
            _rows.Add(new Row { Case = $"Registry, {versions:N0} versions: open + Get-ModelVersion of one", Retrain = read[0], Reference = read[1], Note = note });
            _rows.Add(new Row { Case = $"Registry, {versions:N0} versions: open + register one", Retrain = register[0], Reference = register[1], Note = note });
            Directory.Delete(folder, recursive: true);
        }
    }
}
