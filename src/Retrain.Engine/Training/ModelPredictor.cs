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

    /// <summary>Loads a model folder (<c>model.zip</c> and <c>manifest.json</c>), reading each file once.</summary>
    public static ModelPredictor Load(string folder)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in new[] { TrainedModel.ManifestFileName, TrainedModel.ModelFileName })
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
                throw new RetrainException("ModelFileNotFound", RetrainErrorKind.ObjectNotFound,
                    $"Model folder '{folder}' has no {name}.", path);
            long remaining = Store.VerifiedFiles.DefaultMaxBytes;
            files[name] = Store.VerifiedFiles.ReadBounded(path, ref remaining, path);
        }
        return Load(files, folder);
    }

    /// <summary>A resolved model: a registered version from its verified bytes, a run artifact or path from its folder.</summary>
    public static ModelPredictor Load(Registry.ResolvedModel resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return resolved.Files is { } verified ? Load(verified.Files, resolved.Uri) : Load(resolved.LocalFolder!);
    }

    /// <summary>
    /// Loads from the files' bytes (relative name → content): the manifest is validated (<see cref="ManifestValidator"/>)
    /// and the ML.NET model read from the same bytes that were hashed, never from a path again.
    /// </summary>
    public static ModelPredictor Load(IReadOnlyDictionary<string, byte[]> files, string source)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var name in new[] { TrainedModel.ManifestFileName, TrainedModel.ModelFileName })
            if (!files.ContainsKey(name))
                throw new RetrainException("ModelFileNotFound", RetrainErrorKind.ObjectNotFound, $"Model '{source}' has no {name}.", $"{source}/{name}");
        var manifest = ManifestValidator.Parse(files[TrainedModel.ManifestFileName], $"{source}/{TrainedModel.ManifestFileName}");
        var ml = new MLContext(manifest.Seed);
        return new ModelPredictor(ml, LoadModel(ml, files[TrainedModel.ModelFileName], $"{source}/{TrainedModel.ModelFileName}"), manifest);
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

    private static ITransformer LoadModel(MLContext ml, byte[] model, string modelPath)
    {
        // ML.NET finds a model's components by scanning registered assemblies; name the trainers' own.
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeRegressionModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmRegressionModelParameters).Assembly);
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            return ml.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new RetrainException("BadModelFile", RetrainErrorKind.InvalidData, $"{modelPath}: cannot load the ML.NET model ({e.Message}).", modelPath, e);
        }
    }
}
