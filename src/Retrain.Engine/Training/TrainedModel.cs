using Microsoft.ML;

namespace Retrain.Engine.Training;

/// <summary>A fitted model, its manifest and its test-split predictions.</summary>
public sealed class TrainedModel
{
    public const string ModelFileName = "model.zip";
    public const string ManifestFileName = "manifest.json";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;

    internal TrainedModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, ModelManifest manifest,
        double[] testActual, double[] testPredicted, int[] testRows)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        Manifest = manifest;
        TestActual = testActual;
        TestPredicted = testPredicted;
        TestRows = testRows;
    }

    public ModelManifest Manifest { get; }

    /// <summary>The test split's target (capped like training when a RUL cap is set).</summary>
    public double[] TestActual { get; }

    public double[] TestPredicted { get; }

    /// <summary>Row indices of the test split into the request's Data.</summary>
    public int[] TestRows { get; }

    internal ITransformer Transformer => _model;

    internal MLContext Context => _ml;

    /// <summary>Writes <c>folder/model.zip</c> (ML.NET) and <c>folder/manifest.json</c>, creating the folder; each file via a temp file and rename.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var modelPath = Path.Combine(folder, ModelFileName);
        var manifestPath = Path.Combine(folder, ManifestFileName);
        var tmpModel = modelPath + ".tmp";
        using (var stream = new FileStream(tmpModel, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            _ml.Model.Save(_model, _inputSchema, stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmpModel, modelPath, overwrite: true);
        var tmpManifest = manifestPath + ".tmp";
        File.WriteAllText(tmpManifest, Manifest.ToJson());
        File.Move(tmpManifest, manifestPath, overwrite: true);
    }
}
