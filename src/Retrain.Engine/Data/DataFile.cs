using System.IO.Compression;
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

    public static TextReader OpenText(string path)
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
            stream = new GZipStream(stream, CompressionMode.Decompress);
        // UTF-8 unless a byte order mark says otherwise; the mark itself is dropped.
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the opened file. A corrupt .gz shows up as <see cref="InvalidDataException"/>
    /// while reading; it becomes a <see cref="DataException"/> naming the file.
    /// </summary>
    public static T Read<T>(string path, Func<TextReader, T> read)
    {
        using var reader = OpenText(path);
        try
        {
            return read(reader);
        }
        catch (InvalidDataException e) when (IsGzip(path))
        {
            throw new DataException("BadGzip", $"{path}: not a valid gzip file ({e.Message}).", path, null, null, e);
        }
    }
}
