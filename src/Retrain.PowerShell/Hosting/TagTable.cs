using System.Collections;

namespace Retrain.PowerShell.Hosting;

/// <summary>The one conversion of a -Tag @{ key = value } hashtable into the engine's string dictionary.</summary>
internal static class TagTable
{
    public static Dictionary<string, string>? ToDictionary(Hashtable? table) =>
        table?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
}
