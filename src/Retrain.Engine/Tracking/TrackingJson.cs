using System.Text.Json;
using System.Text.Json.Serialization;

namespace Retrain.Engine.Tracking;

/// <summary>How reports are written as run artifacts: indented, camelCase, enums by name.</summary>
public static class TrackingJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Stream ToStream<T>(T value) => new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Options));
}
