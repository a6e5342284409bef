using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Store;
using Retrain.Engine.Store.FileStore;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;

namespace Retrain.Engine.Tests.Pipeline;

/// <summary>
/// Small FD001 models saved once for the pipeline tests (a folder each, named by path as a model URI), and a
/// throwaway store for the runs the pipeline logs.
/// </summary>
public sealed class PipelineFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "retrain-pipeline-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, (string Folder, TrainedModel Model)> _models = new();
    private readonly object _gate = new();

    public PipelineFixture()
    {
        Directory.CreateDirectory(_root);
        Store = new FileRetrainStore(Path.Combine(_root, "store"));
    }

    public IRetrainStore Store { get; }

    /// <summary>FD001 units 1..30: what <see cref="Model"/> is trained on by default.</summary>
    public Dataset Training { get; } = Fd001.Units(30);

    /// <summary>Options' defaults, with min_samples low enough for the small windows here.</summary>
    public static RetrainOptions Options(double? sessionCap = null, double? targetCap = null)
    {
        var o = ConfigurationLoader.Defaults();
        o.DriftDetection.MinSamples = 100;
        o.Training.RulCap = sessionCap;
        o.ModelComparison.TargetCap = targetCap;
        o.ModelComparison.BootstrapResamples = 200;
        return o;
    }

    /// <summary>A model trained once per name on <paramref name="data"/> (default <see cref="Training"/>), saved; its folder is its URI.</summary>
    public (string Uri, TrainedModel Model) Model(string name, double? cap = 125, double testSize = 0.2, Dataset? data = null, IReadOnlyList<string>? features = null,
        Retrain.Engine.Configuration.TrainerKind trainer = Retrain.Engine.Configuration.TrainerKind.FastTree, int window = 0)
    {
        lock (_gate)
        {
            if (!_models.TryGetValue(name, out var entry))
            {
                var options = Fd001.Small(trainer, window);
                options.RulCap = cap;
                var request = Fd001.Request(options, data ?? Training, testSize);
                if (features is not null)
                    request = new TrainingRequest
                    {
                        Data = request.Data, Features = features, TargetColumn = request.TargetColumn, GroupColumn = request.GroupColumn,
                        Options = options, TestSize = testSize, DataDescription = request.DataDescription,
                    };
                var model = ModelTrainer.Train(request);
                var folder = Path.Combine(_root, name);
                model.Save(folder);
                _models[name] = entry = (folder, model);
            }
            return entry;
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
