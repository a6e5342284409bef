using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Retrain.PowerShell.Hosting;

/// <summary>
/// Runs when the module is imported: routes every request for the engine (which lives in
/// dependencies/, out of the default probing path) into the module's own load context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

    private static readonly Lazy<EngineLoadContext> Context = new(() => new EngineLoadContext(DependencyFolder));

    private static int _registered;

    public void OnImport() => Register();

    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only the engine is loaded on behalf of the cmdlets; its own dependencies resolve inside Context.
        return name.Name == "Retrain.Engine" ? Context.Value.LoadFromAssemblyName(name) : null;
    }
}
