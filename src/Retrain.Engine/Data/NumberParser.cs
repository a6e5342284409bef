using System.Buffers;
using System.Globalization;

namespace Retrain.Engine.Data;

/// <summary>What parsing a cell as a number gave.</summary>
internal enum NumberStatus
{
    Ok,
    Empty,
    NotANumber,
    NotFinite,
}

/// <summary>
/// Parses a cell as a finite double with invariant culture. NaN and ±infinity, in every spelling
/// .NET or Python writes them (NaN, nan, inf, -inf, Infinity, ∞), are rejected as not finite.
/// </summary>
internal static class NumberParser
{
    /// <summary>The only characters a plain decimal number is made of; anything else goes the careful way.</summary>
    internal static readonly SearchValues<char> PlainNumberChars = SearchValues.Create("0123456789.-+eE");

    public static NumberStatus Parse(ReadOnlySpan<char> text, out double value)
    {
        var trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            value = 0;
            return NumberStatus.Empty;
        }
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return double.IsFinite(value) ? NumberStatus.Ok : NumberStatus.NotFinite;
        value = 0;
        return IsNonFiniteSpelling(trimmed) ? NumberStatus.NotFinite : NumberStatus.NotANumber;
    }

    /// <summary>
    /// As <see cref="Parse"/>, and also "23,5" (one comma, no point) as 23.5: the decimal comma of files whose
    /// fields are not comma-separated. "1.234,5" (a thousands point) stays an error rather than a guess.
    /// </summary>
    public static NumberStatus ParseDecimalComma(ReadOnlySpan<char> text, out double value)
    {
        var status = Parse(text, out value);
        if (status != NumberStatus.NotANumber)
            return status;
        var trimmed = text.Trim();
        int comma = trimmed.IndexOf(',');
        if (comma < 0 || trimmed.LastIndexOf(',') != comma || trimmed.Contains('.') || trimmed.Length > 64)
            return status;
        Span<char> copy = stackalloc char[trimmed.Length];
        trimmed.CopyTo(copy);
        copy[comma] = '.';
        var retried = Parse(copy, out value);
        return retried == NumberStatus.Ok ? retried : status;
    }

    /// <summary>inf, +inf, -inf, infinity, nan, -nan, ∞ … in any case (.NET itself rejects some of these).</summary>
    private static bool IsNonFiniteSpelling(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
            text = text[1..];
        return text.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || text.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || text.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || text.Equals("∞", StringComparison.Ordinal);
    }

    /// <summary>The end of an error message for a bad cell: "'abc' is not a number." and so on.</summary>
    public static string Describe(NumberStatus status, ReadOnlySpan<char> text) => status switch
    {
        NumberStatus.Empty => "empty value; a number is required.",
        NumberStatus.NotFinite => $"{DataErrors.Quote(text)} is not a finite number (NaN and infinity are not allowed).",
        _ => $"{DataErrors.Quote(text)} is not a number.",
    };
}
