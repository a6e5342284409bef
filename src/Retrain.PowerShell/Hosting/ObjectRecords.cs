using System.Management.Automation;
using Retrain.Engine.Data;

namespace Retrain.PowerShell.Hosting;

/// <summary>Turns pipeline objects (Import-Csv rows, hashtables, custom objects) into engine records.</summary>
internal static class ObjectRecords
{
    public static void AddTo(RecordDatasetBuilder builder, PSObject item)
    {
        var fields = new List<KeyValuePair<string, object?>>();
        if (item.BaseObject is System.Collections.IDictionary dictionary)
        {
            foreach (System.Collections.DictionaryEntry entry in dictionary)
                fields.Add(new(entry.Key.ToString() ?? string.Empty, Unwrap(entry.Value)));
        }
        else
        {
            foreach (var property in item.Properties)
            {
                if (property.IsGettable)
                    fields.Add(new(property.Name, Unwrap(property.Value)));
            }
        }
        builder.Add(fields);
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
