using System.IO.Compression;
using System.Text;

namespace Retrain.Engine.Tests.Data;

/// <summary>A temporary folder for small test files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "retrain-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file (gzipped if the name ends in .gz) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The data files copied to the test output folder.</summary>
internal static class TestData
{
    public static string Cmapss(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "cmapss", name);
}
