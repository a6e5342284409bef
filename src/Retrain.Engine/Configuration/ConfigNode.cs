using YamlDotNet.Core;

namespace Retrain.Engine.Configuration;

internal enum ConfigNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>One node of a parsed configuration document, with the line it starts on.</summary>
internal sealed class ConfigNode
{
    private ConfigNode(ConfigNodeKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public ConfigNodeKind Kind { get; }

    /// <summary>1-based line the node starts on.</summary>
    public int Line { get; }

    /// <summary>The scalar text (null for mappings and sequences).</summary>
    public string? Value { get; private init; }

    public ScalarStyle Style { get; private init; }

    /// <summary>Mapping entries in document order: the key text, its line, and the value.</summary>
    public List<(string Key, int Line, ConfigNode Value)> Entries { get; } = new();

    public List<ConfigNode> Items { get; } = new();

    /// <summary>A plain <c>~</c>, <c>null</c> or empty value; a quoted "null" is text.</summary>
    public bool IsNull => Kind == ConfigNodeKind.Scalar && Style is ScalarStyle.Plain or ScalarStyle.Any
        && Value is "" or "~" or "null" or "Null" or "NULL";

    public static ConfigNode Scalar(int line, string value, ScalarStyle style) => new(ConfigNodeKind.Scalar, line) { Value = value, Style = style };

    public static ConfigNode Mapping(int line) => new(ConfigNodeKind.Mapping, line);

    public static ConfigNode Sequence(int line) => new(ConfigNodeKind.Sequence, line);

    /// <summary>How the node reads in a message: a short quoted scalar, or "a list"/"a mapping".</summary>
    public string Describe() => Kind switch
    {
        ConfigNodeKind.Mapping => "a mapping",
        ConfigNodeKind.Sequence => "a list",
        _ => $"'{Value}'",
    };
}
