using System.Text.Json;
using System.Text.Json.Serialization;

namespace Retrain.Engine.Tracking;

/// <summary>How reports are written as run artifacts: indented, snake_case (the one naming of every file the store holds), enums by name.</summary>
public static class TrackingJson
{
    /// <summary>The naming of every JSON file the store writes: its own records, run reports and model manifests.</summary>
    public static readonly JsonNamingPolicy Naming = JsonNamingPolicy.SnakeCaseLower;

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = Naming,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Stream ToStream<T>(T value) => new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Options));
}
