using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

/// <summary>
/// An append-only file of lines, one JSON object each. A line counts once its '\n' is on disk: the writer appends
/// line and newline in one write and flushes to disk, so a crash leaves at most a torn last line without '\n'.
/// Readers take only complete lines; the owner of the store lock truncates a torn tail away before appending, so
/// it is never glued to the next line.
/// </summary>
internal sealed class JsonLinesLog
{
    public JsonLinesLog(string path) => Path = path;

    public string Path { get; }

    /// <summary>Where a reader stopped: the end of the last complete line, and that line, to notice a rewritten file.</summary>
    public sealed record Cursor(long Offset, long LastLineStart, byte[] LastLine)
    {
        public static readonly Cursor Start = new(0, 0, Array.Empty<byte>());
    }

    /// <summary>Complete lines read after a cursor. <see cref="Restarted"/>: the file no longer held what the cursor had seen, so these are all lines from the start.</summary>
    public sealed record Chunk(IReadOnlyList<(long LineNumber, byte[] Bytes)> Lines, Cursor Next, bool TornTail, bool Restarted);

    /// <summary>Reads the complete lines after <paramref name="cursor"/> (line numbers counted from <paramref name="linesBefore"/>).</summary>
    public Chunk ReadAfter(Cursor cursor, long linesBefore)
    {
        using FileStream? stream = OpenForRead();
        if (stream is null)
            return new Chunk(Array.Empty<(long, byte[])>(), Cursor.Start, false, cursor.Offset > 0);

        bool restarted = false;
        if (cursor.Offset > 0 && !StillHolds(stream, cursor))
        {
            cursor = Cursor.Start;
            linesBefore = 0;
            restarted = true;
        }

        stream.Position = cursor.Offset;
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] rest = buffer.ToArray();

        var lines = new List<(long, byte[])>();
        long lineNumber = linesBefore;
        int start = 0;
        Cursor next = cursor;
        for (int i = 0; i < rest.Length; i++)
        {
            if (rest[i] != (byte)'\n')
                continue;
            byte[] line = rest[start..i];
            lines.Add((++lineNumber, line));
            next = new Cursor(cursor.Offset + i + 1, cursor.Offset + start, line);
            start = i + 1;
        }
        return new Chunk(lines, next, TornTail: start < rest.Length, restarted);
    }

    /// <summary>
    /// Streams the complete lines from the start (1, 2, 3…) through <paramref name="visit"/> without holding the file in
    /// memory; returns true when the file ends in a line without '\n' (torn, or still being written), which is not visited.
    /// A missing file has no lines.
    /// </summary>
    public bool ForEachLine(Action<long, ReadOnlyMemory<byte>> visit)
    {
        using FileStream? stream = OpenForRead();
        if (stream is null)
            return false;
        byte[] buffer = new byte[1 << 16];
        int filled = 0;
        long lineNumber = 0;
        while (true)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
                return filled > 0;
            int start = 0;
            int end = filled + read;
            for (int i = filled; i < end; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                visit(++lineNumber, buffer.AsMemory(start, i - start));
                start = i + 1;
            }
            filled = end - start;
            Buffer.BlockCopy(buffer, start, buffer, 0, filled);
        }
    }

    /// <summary>
    /// If the file ends in a line without '\n', cuts it off and returns how many bytes went; call only under the store lock.
    /// </summary>
    public long RepairTornTail()
    {
        using FileStream? stream = OpenForWrite(create: false);
        return stream is null ? 0 : RepairTornTail(stream);
    }

    /// <summary>Appends lines (the store lock held) in one write, first cutting off a torn tail; returns bytes cut off.</summary>
    public long Append(IEnumerable<byte[]> lines)
    {
        using FileStream stream = OpenForWrite(create: true)!;
        long repaired = RepairTornTail(stream);
        var buffer = new MemoryStream();
        foreach (byte[] line in lines)
        {
            if (line.Contains((byte)'\n'))
                throw new ArgumentException("A log line must not contain a newline.", nameof(lines));
            buffer.Write(line);
            buffer.WriteByte((byte)'\n');
        }
        stream.Position = stream.Length;
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        stream.Flush(flushToDisk: true);
        return repaired;
    }

    private static long RepairTornTail(FileStream stream)
    {
        long length = stream.Length;
        if (length == 0)
            return 0;
        long end = length;
        byte[] buffer = new byte[4096];
        while (end > 0)
        {
            int size = (int)Math.Min(buffer.Length, end);
            stream.Position = end - size;
            stream.ReadExactly(buffer, 0, size);
            int newline = Array.LastIndexOf(buffer, (byte)'\n', size - 1, size);
            if (newline >= 0)
            {
                end = end - size + newline + 1;
                break;
            }
            end -= size;
        }
        if (end == length)
            return 0;
        stream.SetLength(end);
        stream.Flush(flushToDisk: true);
        return length - end;
    }

    private static bool StillHolds(FileStream stream, Cursor cursor)
    {
        if (stream.Length < cursor.Offset)
            return false;
        stream.Position = cursor.LastLineStart;
        byte[] seen = new byte[cursor.Offset - cursor.LastLineStart];
        stream.ReadExactly(seen);
        return seen.Length == cursor.LastLine.Length + 1 && seen[^1] == (byte)'\n' && seen.AsSpan(0, cursor.LastLine.Length).SequenceEqual(cursor.LastLine);
    }

    private FileStream? OpenForRead()
    {
        try
        {
            return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private FileStream? OpenForWrite(bool create)
    {
        try
        {
            if (create)
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            return new FileStream(Path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (!create && e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
