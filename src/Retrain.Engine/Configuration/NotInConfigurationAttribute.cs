namespace Retrain.Engine.Configuration;

/// <summary>Marks an options property that describes where the configuration came from, not what it says: no YAML key binds to it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInConfigurationAttribute : Attribute
{
}
