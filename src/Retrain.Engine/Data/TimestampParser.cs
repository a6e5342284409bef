using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>
/// Parses timestamps written in ISO 8601 (2024-01-31, 2024-01-31T12:00:00Z, 2024-01-31 12:00:00.5+02:00,
/// as .NET, pandas and most databases write them), invariant culture. No offset means UTC.
/// </summary>
internal static class TimestampParser
{
    public const string Example = "2024-01-31T12:00:00Z";

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        // Insist on a year-first date so that 01/02/2024 (January or February?) is an error, not a guess.
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2])
            || !char.IsAsciiDigit(text[3]) || text[4] != '-')
        {
            value = default;
            return false;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>A DateTime without a kind is taken as UTC; a local one keeps its instant.</summary>
    public static DateTimeOffset FromDateTime(DateTime value) => value.Kind switch
    {
        DateTimeKind.Unspecified => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        _ => new DateTimeOffset(value),
    };

    /// <summary>ISO 8601 for messages, fractions only when there are any: 2024-01-31T12:00:00+00:00.</summary>
    public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
