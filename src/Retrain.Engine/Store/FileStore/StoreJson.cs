using System.Text.Json;
using System.Text.Json.Serialization;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>How the file store writes JSON: snake_case keys, enum names, nulls left out, NaN/Infinity allowed for metrics.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Line = Create(indented: false);

    public static readonly JsonSerializerOptions Document = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = Tracking.TrackingJson.Naming,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = indented,
    };
}
