using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Retrain.PowerShell.Hosting;

/// <summary>
/// The module's own load context: the engine and its packages (YamlDotNet, MathNet, ML.NET…) load
/// here from the module's dependencies folder, so another version already in the session cannot clash.
/// An assembly that PowerShell itself provides is shared instead, when it satisfies the request
/// (see <see cref="SharedAssemblies"/>), so the session holds one copy of the framework.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public EngineLoadContext(string folder)
        : base("Retrain", isCollectible: false) => _folder = folder;

    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(_folder, name.Name + ".dll");
        // Anything not shipped with the module (the framework itself) falls back to the default context.
        if (!File.Exists(path))
            return null;
        return SharedAssemblies.ProvidedByHost(name, AssemblyName.GetAssemblyName(path)) ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var candidate in NativeCandidates(unmanagedDllName))
        {
            if (File.Exists(candidate))
                return LoadUnmanagedDllFromPath(candidate);
        }
        return IntPtr.Zero;
    }

    private IEnumerable<string> NativeCandidates(string name)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var (prefix, suffix) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        var portableRid = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        foreach (var r in new[] { rid, portableRid }.Distinct())
        {
            var dir = Path.Combine(_folder, "runtimes", r, "native");
            yield return Path.Combine(dir, name);
            yield return Path.Combine(dir, name + suffix);
            yield return Path.Combine(dir, prefix + name + suffix);
        }
    }
}
