using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// A saved model (folder with <c>model.zip</c> and <c>manifest.json</c>) loaded for prediction. It builds
/// the window features itself when the manifest says so, with the same code as training.
/// </summary>
public sealed class ModelPredictor : IDisposable
{
    private readonly MLContext _ml;
    private ITransformer? _model;

    private ModelPredictor(MLContext ml, ITransformer model, ModelManifest manifest)
    {
        _ml = ml;
        _model = model;
        Manifest = manifest;
    }

    public ModelManifest Manifest { get; }

    public static ModelPredictor Load(string folder)
    {
        var modelPath = Path.Combine(folder, TrainedModel.ModelFileName);
        var manifestPath = Path.Combine(folder, TrainedModel.ManifestFileName);
        foreach (var path in new[] { manifestPath, modelPath })
            if (!File.Exists(path))
                throw new RetrainException("ModelFileNotFound", RetrainErrorKind.ObjectNotFound,
                    $"Model folder '{folder}' has no {Path.GetFileName(path)}.", path);

        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.FromJson(File.ReadAllText(manifestPath));
        }
        catch (JsonException e)
        {
            throw new RetrainException("BadManifest", RetrainErrorKind.InvalidData, $"{manifestPath}: not a valid model manifest ({e.Message}).", manifestPath, e);
        }
        if (manifest.FormatVersion > ModelManifest.CurrentFormatVersion)
            throw new RetrainException("BadManifest", RetrainErrorKind.InvalidData,
                $"{manifestPath}: manifest format {manifest.FormatVersion} is newer than this engine reads ({ModelManifest.CurrentFormatVersion}).", manifestPath);

        var ml = new MLContext(manifest.Seed);
        return new ModelPredictor(ml, LoadModel(ml, modelPath), manifest);
    }

    internal static ModelPredictor FromTrained(TrainedModel trained) => new(trained.Context, trained.Transformer, trained.Manifest);

    /// <summary>
    /// One prediction per row of <paramref name="data"/>, in row order. Every column the manifest names
    /// must be there (a missing one is a <see cref="DataException"/> naming it); with window features the
    /// rows of a unit should hold its history, since each row's features look back over the unit's earlier rows.
    /// </summary>
    public double[] Predict(Dataset data)
    {
        var model = _model ?? throw new ObjectDisposedException(nameof(ModelPredictor));
        foreach (var column in Manifest.RequiredColumns)
            if (!data.HasColumn(column))
                throw new DataException("MissingColumn",
                    $"{data.Source}: the model needs column '{column}', which is missing (columns are: {string.Join(", ", data.ColumnNames)}).",
                    data.Source, column);
        if (data.RowCount == 0)
            return [];
        var columns = WindowFeatures.Build(data, Manifest.Features, Manifest.WindowFeatures, Manifest.GroupColumn, Manifest.OrderColumn);
        var rows = Enumerable.Range(0, data.RowCount).ToArray();
        return ModelData.Scores(model, ModelData.Create(_ml, columns, rows, null));
    }

    public void Dispose()
    {
        (_model as IDisposable)?.Dispose();
        _model = null;
    }

    private static ITransformer LoadModel(MLContext ml, string modelPath)
    {
        // ML.NET finds a model's components by scanning registered assemblies; name the trainers' own.
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeRegressionModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmRegressionModelParameters).Assembly);
        try
        {
            using var stream = File.OpenRead(modelPath);
            return ml.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new RetrainException("BadModelFile", RetrainErrorKind.InvalidData, $"{modelPath}: cannot load the ML.NET model ({e.Message}).", modelPath, e);
        }
    }
}
