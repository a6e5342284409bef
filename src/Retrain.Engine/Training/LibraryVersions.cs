using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML;

namespace Retrain.Engine.Training;

/// <summary>The versions a model was trained with: ML.NET, Retrain.Engine and the .NET runtime.</summary>
internal static class LibraryVersions
{
    public static Dictionary<string, string> Current() => new(StringComparer.Ordinal)
    {
        ["ml_net"] = VersionOf(typeof(MLContext).Assembly),
        ["retrain_engine"] = VersionOf(typeof(LibraryVersions).Assembly),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };

    private static string VersionOf(Assembly assembly)
    {
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return info ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
