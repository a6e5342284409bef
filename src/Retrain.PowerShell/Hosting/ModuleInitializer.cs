using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Retrain.PowerShell.Hosting;

/// <summary>
/// Runs when the module is imported: routes every request for the engine (which lives in
/// dependencies/, out of the default probing path) into the module's own load context; and unhooks
/// that route on Remove-Module, so a removed module leaves no resolver behind and a re-import hooks once.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

    // One context for the process: the engine it loaded stays loaded (non-collectible), and a re-import
    // after Remove-Module must bind the cmdlets to that same engine.
    private static readonly Lazy<EngineLoadContext> Context = new(() => new EngineLoadContext(DependencyFolder));

    private static int _registered;

    public void OnImport() => Register();

    public void OnRemove(PSModuleInfo psModuleInfo) => Unregister();

    internal static bool IsRegistered => Volatile.Read(ref _registered) == 1;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static void Unregister()
    {
        if (Interlocked.Exchange(ref _registered, 0) == 1)
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only the engine is loaded on behalf of the cmdlets; its own dependencies resolve inside Context.
        return name.Name == "Retrain.Engine" ? Context.Value.LoadFromAssemblyName(name) : null;
    }
}
