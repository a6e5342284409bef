namespace Retrain.Engine.Configuration;

/// <summary>
/// A configuration that cannot be used: names the source (file or description), the dotted key
/// (for example <c>drift_detection.data_drift_threshold</c>) and the 1-based line where it can.
/// </summary>
public sealed class ConfigurationException : RetrainException
{
    public ConfigurationException(string errorId, string message, string? sourceName, string? key, int? line,
        RetrainErrorKind kind = RetrainErrorKind.InvalidConfiguration, Exception? inner = null)
        : base(errorId, kind, message, key ?? sourceName, inner)
    {
        SourceName = sourceName;
        Key = key;
        Line = line;
    }

    /// <summary>The dotted key at fault (<c>section.key</c>), or null when the whole source is (a syntax error, a missing file).</summary>
    public string? Key { get; }

    /// <summary>1-based line in the source, when one line is to blame.</summary>
    public int? Line { get; }

    /// <summary>The file path (as given) or description of the configuration source.</summary>
    public string? SourceName { get; }

    /// <summary>Builds the standard message: "<c>source line N: detail</c>" (or "<c>source: detail</c>" without a line).</summary>
    internal static ConfigurationException At(string errorId, string sourceName, string? key, int? line, string detail,
        RetrainErrorKind kind = RetrainErrorKind.InvalidConfiguration, Exception? inner = null)
    {
        string where = line is int n ? $"{sourceName} line {n}" : sourceName;
        return new ConfigurationException(errorId, $"{where}: {detail}", sourceName, key, line, kind, inner);
    }
}
