using System.Collections;
using System.Management.Automation;

namespace Retrain.PowerShell.Hosting;

/// <summary>The one conversion of a -Tag @{ key = value } hashtable into the engine's string dictionary.</summary>
internal static class TagTable
{
    // PowerShell's own conversion, so 0.1 is stored as "0.1" whatever the session's culture (ToString() would give "0,1" in de-DE).
    public static Dictionary<string, string>? ToDictionary(Hashtable? table) =>
        table?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => e.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(e.Value), StringComparer.Ordinal);
}
