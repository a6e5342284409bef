using System.Reflection;
using System.Runtime.Loader;

namespace Retrain.PowerShell.Hosting;

/// <summary>
/// Decides when the module's load context uses an assembly the host already provides instead of its own
/// copy, as PowerShellEditorServices' load context does: same name and public key token, and a version at
/// least the one requested and the one shipped. The module ships System.Collections.Immutable 9.0 and
/// System.Threading.Channels 9.0 because its packages target .NET 8; on PowerShell 7.6 (.NET 10) the host's
/// 10.0 serves them, and two copies of a framework assembly in one process only invite type mismatches.
/// </summary>
internal static class SharedAssemblies
{
    // The host's trusted platform assemblies: the runtime's framework and PowerShell's own files.
    private static readonly Lazy<Dictionary<string, string>> Platform = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase));

    public static bool ProvidedByHost(AssemblyName requested, AssemblyName shipped)
    {
        if (Platform.Value.TryGetValue(shipped.Name!, out var path))
        {
            // Framework and host assemblies keep compatibility across versions, so a newer one serves.
            var provided = TryGetName(path);
            return provided is not null && Satisfies(provided, requested, shipped, sameMajor: false);
        }
        // An assembly a script loaded into the session (Add-Type) is shared only within its major version:
        // a user's YamlDotNet 13 must not serve the engine's 16, nor a 17 with breaking changes.
        var loaded = AssemblyLoadContext.Default.Assemblies
            .Select(a => a.GetName())
            .FirstOrDefault(n => string.Equals(n.Name, shipped.Name, StringComparison.OrdinalIgnoreCase));
        return loaded is not null && Satisfies(loaded, requested, shipped, sameMajor: true);
    }

    private static bool Satisfies(AssemblyName provided, AssemblyName requested, AssemblyName shipped, bool sameMajor)
    {
        if (provided.Version is null || shipped.Version is null)
            return false;
        if (!(provided.GetPublicKeyToken() ?? []).AsSpan().SequenceEqual(shipped.GetPublicKeyToken() ?? []))
            return false;
        if (sameMajor && provided.Version.Major != shipped.Version.Major)
            return false;
        var needed = requested.Version is not null && requested.Version > shipped.Version ? requested.Version : shipped.Version;
        return provided.Version >= needed;
    }

    private static AssemblyName? TryGetName(string path)
    {
        try { return AssemblyName.GetAssemblyName(path); }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException) { return null; }
    }
}
