using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Retrain.Engine.Data;

/// <summary>Opens a data file as text: decompresses *.gz on the fly, and turns a missing file into a <see cref="DataException"/>.</summary>
internal static class DataFile
{
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file name without a trailing .gz, lower case: "train_fd001.txt" for "Train_FD001.txt.gz".</summary>
    public static string InnerName(string path)
    {
        var name = Path.GetFileName(path);
        if (IsGzip(name))
            name = name[..^3];
        return name.ToLowerInvariant();
    }

    /// <summary>A folder where a data file belongs is named as such (opening one says "access denied" on Linux).</summary>
    public static void RefuseDirectory(string path)
    {
        if (Directory.Exists(path))
            throw new DataException("DataPathIsDirectory", RetrainErrorKind.InvalidArgument,
                $"'{path}' is a directory; give a data file in it (.csv, .csv.gz, .txt or .txt.gz).", path, null);
    }

    /// <summary>
    /// The file as text, decompressed when it is a .gz. Reading more than <paramref name="maxBytes"/> (after
    /// decompression) throws <c>DataTooLarge</c> on the read that crosses it, so memory and time stay bounded.
    /// </summary>
    public static TextReader OpenText(string path, long maxBytes = DataLimits.DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Opening a folder fails as "access denied" on Linux, which sends the user to check permissions.
        RefuseDirectory(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw DataErrors.FileNotFound(path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException("FileAccessDenied", RetrainErrorKind.SecurityError, $"Data file '{path}' cannot be read: {e.Message}", path, null, null, e);
        }
        catch (IOException e)
        {
            throw new DataException("FileUnavailable", RetrainErrorKind.ResourceUnavailable, $"Data file '{path}' cannot be opened: {e.Message}", path, null, null, e);
        }
        if (IsGzip(path))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        else if (stream.CanSeek && stream.Length > maxBytes)
        {
            // Known before reading a byte: no need to read 2 GB to say so.
            stream.Dispose();
            throw DataErrors.TooLarge(path, maxBytes);
        }
        stream = new ByteLimitStream(stream, maxBytes, () => DataErrors.TooLarge(path, maxBytes));
        // UTF-8 unless a byte order mark says otherwise; the mark itself is dropped.
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Runs <paramref name="read"/> on the opened file (see <see cref="OpenText"/> and <see cref="ReadText"/>).</summary>
    public static T Read<T>(string path, long maxBytes, Func<TextReader, T> read)
    {
        using var reader = OpenText(path, maxBytes);
        return ReadText(reader, path, read);
    }

    /// <summary>
    /// Runs <paramref name="read"/> over <paramref name="text"/>, turning what the parser and the decompressor throw
    /// into <see cref="DataException"/>s naming <paramref name="source"/>: a row over the parser's limit
    /// (DataLineTooLong, with its line), a corrupt .gz (BadGzip). Errors raised while rows are parsed in parallel
    /// arrive wrapped in an <see cref="AggregateException"/>; they are unwrapped, so a DataTooLarge stays one.
    /// </summary>
    public static T ReadText<T>(TextReader text, string source, Func<TextReader, T> read)
    {
        var lines = new LineCountingReader(text);
        try
        {
            return read(lines);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            var inner = e.InnerExceptions[0];
            ExceptionDispatchInfo.Throw(Translate(inner, source, lines) ?? inner);
            throw; // not reached
        }
        catch (Exception e) when (Translate(e, source, lines) is { } error)
        {
            throw error;
        }
    }

    /// <summary>The DataException for an exception of the parser or the decompressor; null for any other.</summary>
    private static DataException? Translate(Exception e, string source, LineCountingReader lines) => e switch
    {
        // Sep's one NotSupportedException while reading: "Buffer or row has reached maximum supported length".
        NotSupportedException when e.Source == "Sep" => DataErrors.LineTooLong(source, lines.LineEnds + 1, e),
        InvalidDataException when IsGzip(source) => new DataException("BadGzip", $"{source}: not a valid gzip file ({e.Message}).", source, null, null, e),
        _ => null,
    };
}
