namespace Retrain.Engine.Data;

/// <summary>
/// Counts the line ends handed to the parser. A row too long for the parser fails before the parser has a row to
/// name, and with rows parsed in parallel the last row seen is not the last row read; the count of line ends
/// read so far still says on which line the unfinished row starts. Does not own <paramref name="inner"/>.
/// </summary>
internal sealed class LineCountingReader(TextReader inner) : TextReader
{
    /// <summary>'\n' characters read so far.</summary>
    public long LineEnds { get; private set; }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        int c = inner.Read();
        if (c == '\n')
            LineEnds++;
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int n = inner.Read(buffer);
        LineEnds += buffer[..n].Count('\n');
        return n;
    }
}
