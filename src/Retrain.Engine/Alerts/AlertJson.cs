using System.Text.Json;
using System.Text.Json.Serialization;
using Retrain.Engine.Tracking;

namespace Retrain.Engine.Alerts;

/// <summary>
/// How an alert is written, for the webhook and the log file alike: one line, snake_case names (the store's naming),
/// the event by its name (<c>drift_detected</c>), and a number that is not finite as null (receivers' parsers reject NaN).
/// </summary>
internal static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = TrackingJson.Naming,
        Converters = { new JsonStringEnumConverter(TrackingJson.Naming), new FiniteOrNullConverter() },
        WriteIndented = false,
    };

    public static byte[] Serialize(AlertMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    private sealed class FiniteOrNullConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
                writer.WriteNumberValue(value);
            else
                writer.WriteNullValue();
        }
    }
}
