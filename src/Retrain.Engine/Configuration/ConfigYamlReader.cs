using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Retrain.Engine.Configuration;

/// <summary>
/// Turns YAML text into a <see cref="ConfigNode"/> tree using YamlDotNet's event parser, keeping the
/// line of every key. It rejects what the binder cannot see once the tree is built: duplicate keys,
/// unknown aliases, several documents, and syntax errors (with YamlDotNet's line).
/// </summary>
internal sealed class ConfigYamlReader
{
    /// <summary>
    /// Deepest nesting of lists and mappings a config may have. Retrain's keys go three levels deep; the cap keeps the
    /// recursive reader (and YamlDotNet's parser, whose cost grows with depth) far from a stack overflow, which no
    /// catch can stop and which ended the host process on a 20,000-deep config.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Largest config text read (characters): a real config is a few KB; anything near this is not one.</summary>
    public const int MaxLength = 1 << 20;

    private readonly IParser _parser;
    private readonly string _source;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
    private ParsingEvent? _peeked;
    private int _lastLine = 1;
    private readonly Stack<int> _openFlowLines = new();

    private ConfigYamlReader(string yaml, string source)
    {
        _parser = new Parser(new StringReader(yaml));
        _source = source;
    }

    /// <summary>The document's root node, or null for an empty document (no content, or only comments or <c>~</c>).</summary>
    public static ConfigNode? Read(string yaml, string source)
    {
        if (yaml.Length > MaxLength)
            throw ConfigurationException.At("ConfigSyntaxError", source, null, null,
                $"the configuration is {yaml.Length:N0} characters long; at most {MaxLength:N0} are read (a Retrain config is a few KB).");
        var reader = new ConfigYamlReader(yaml, source);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            int line = e.Start.Line > 0 ? (int)e.Start.Line : reader._lastLine;
            string hint = reader._openFlowLines.Count > 0 && reader._openFlowLines.Peek() != line
                ? $" (inside the [list] or {{mapping}} opened on line {reader._openFlowLines.Peek()})"
                : "";
            throw ConfigurationException.At("ConfigSyntaxError", source, null, line, $"YAML syntax error: {e.Message}{hint}", inner: e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet throws this (without a mark) on an unterminated flow collection; blame the line that opened it.
            int line = reader._openFlowLines.Count > 0 ? reader._openFlowLines.Peek() : reader._lastLine;
            throw ConfigurationException.At("ConfigSyntaxError", source, null, line,
                "YAML syntax error: the document ends inside an unterminated [list] or {mapping}.", inner: e);
        }
    }

    private ConfigNode? ReadStream()
    {
        Expect<StreamStart>();
        if (Accept<StreamEnd>())
            return null;
        Expect<DocumentStart>();
        ConfigNode root = ReadNode("", 0);
        Expect<DocumentEnd>();
        if (!Accept<StreamEnd>())
            throw ConfigurationException.At("ConfigSyntaxError", _source, null, Line(Peek()),
                "only one YAML document is allowed; remove the second '---' section.");
        return root.IsNull ? null : root;
    }

    private ConfigNode ReadNode(string path, int depth)
    {
        ParsingEvent e = Next();
        if (e is SequenceStart or MappingStart && depth >= MaxDepth)
            throw ConfigurationException.At("ConfigSyntaxError", _source, path.Length == 0 ? null : path, Line(e),
                $"lists and mappings are nested more than {MaxDepth} levels deep here; a Retrain config needs three.");
        switch (e)
        {
            case Scalar s:
                return Anchor(s.Anchor, ConfigNode.Scalar(Line(s), s.Value, s.Style));
            case SequenceStart ss:
            {
                var node = Anchor(ss.Anchor, ConfigNode.Sequence(Line(ss)));
                OpenFlow(ss.Style == SequenceStyle.Flow, node.Line);
                while (!Accept<SequenceEnd>())
                    node.Items.Add(ReadNode($"{path}[{node.Items.Count}]", depth + 1));
                CloseFlow(ss.Style == SequenceStyle.Flow);
                return node;
            }
            case MappingStart ms:
            {
                var node = Anchor(ms.Anchor, ConfigNode.Mapping(Line(ms)));
                OpenFlow(ms.Style == MappingStyle.Flow, node.Line);
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                while (!Accept<MappingEnd>())
                {
                    ParsingEvent keyEvent = Peek();
                    ConfigNode keyNode = ReadNode(path, depth + 1);
                    if (keyNode.Kind != ConfigNodeKind.Scalar)
                        throw ConfigurationException.At("ConfigWrongType", _source, path.Length == 0 ? null : path, Line(keyEvent),
                            $"a key must be a plain name, not {keyNode.Describe()}.");
                    string key = keyNode.Value!;
                    string dotted = path.Length == 0 ? key : $"{path}.{key}";
                    if (!seen.TryAdd(key, keyNode.Line))
                        throw ConfigurationException.At("ConfigDuplicateKey", _source, dotted, keyNode.Line,
                            $"duplicate key '{dotted}' (first set on line {seen[key]}).");
                    node.Entries.Add((key, keyNode.Line, ReadNode(dotted, depth + 1)));
                }
                CloseFlow(ms.Style == MappingStyle.Flow);
                return node;
            }
            case AnchorAlias alias:
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                    return target;
                throw ConfigurationException.At("ConfigSyntaxError", _source, path.Length == 0 ? null : path, Line(alias),
                    $"YAML syntax error: {(path.Length == 0 ? "the document" : path)} uses alias '*{alias.Value.Value}', but no anchor '&{alias.Value.Value}' is defined before it.");
            default:
                throw new YamlException(e.Start, e.End, $"Unexpected {e.GetType().Name}.");
        }
    }

    private void OpenFlow(bool isFlow, int line)
    {
        if (isFlow)
            _openFlowLines.Push(line);
    }

    private void CloseFlow(bool isFlow)
    {
        if (isFlow)
            _openFlowLines.Pop();
    }

    private ConfigNode Anchor(AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
            _anchors[anchor.Value] = node;
        return node;
    }

    /// <summary>The next event, without consuming it.</summary>
    private ParsingEvent Peek()
    {
        if (_peeked is null)
        {
            if (!_parser.MoveNext())
                throw new YamlException(Mark.Empty, Mark.Empty, "Unexpected end of the document.");
            _peeked = _parser.Current!;
            _lastLine = Line(_peeked);
        }
        return _peeked;
    }

    private ParsingEvent Next()
    {
        ParsingEvent e = Peek();
        _peeked = null;
        return e;
    }

    private void Expect<T>() where T : ParsingEvent
    {
        ParsingEvent e = Next();
        if (e is not T)
            throw new YamlException(e.Start, e.End, $"Expected {typeof(T).Name}, found {e.GetType().Name}.");
    }

    /// <summary>Consumes the next event if it is a <typeparamref name="T"/>.</summary>
    private bool Accept<T>() where T : ParsingEvent
    {
        if (Peek() is not T)
            return false;
        _peeked = null;
        return true;
    }

    private static int Line(ParsingEvent e) => (int)e.Start.Line;
}
