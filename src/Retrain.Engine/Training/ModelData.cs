using Microsoft.ML;
using Microsoft.ML.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// Feeds ML.NET from columns: one <c>Label</c> float and one <c>Features</c> float vector per row, the
/// vector's size set at run time through a <see cref="SchemaDefinition"/>. The row objects are plain
/// (a float and a float[]); ML.NET compiles their getters once.
/// </summary>
internal static class ModelData
{
    internal sealed class Row
    {
        public float Label;
        public float[] Features = [];
    }

    /// <summary>A data view over the given rows of the model's feature columns; <paramref name="label"/> may be null (prediction).</summary>
    public static IDataView Create(MLContext ml, double[][] columns, IReadOnlyList<int> rows, double[]? label)
    {
        var data = new Row[rows.Count];
        for (int i = 0; i < data.Length; i++)
        {
            int r = rows[i];
            var features = new float[columns.Length];
            for (int c = 0; c < features.Length; c++)
                features[c] = (float)columns[c][r];
            data[i] = new Row { Label = label is null ? 0f : (float)label[r], Features = features };
        }
        return ml.Data.LoadFromEnumerable(data, Schema(columns.Length));
    }

    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    /// <summary>The model's score for every row of <paramref name="view"/>, in order.</summary>
    public static double[] Scores(ITransformer model, IDataView view)
    {
        var scored = model.Transform(view);
        return scored.GetColumn<float>("Score").Select(s => (double)s).ToArray();
    }
}
