namespace Retrain.Engine.Configuration;

/// <summary>Where each dotted key was set: its line, and the environment variable when the value was <c>env:NAME</c>.</summary>
internal sealed class KeyLocations
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    /// <summary>The 1-based line of the key, or null when the file did not set it (the default is in use).</summary>
    public int? LineOf(string key) => _lines.TryGetValue(key, out int line) ? line : null;

    /// <summary>The variable a value came from, so messages can name it instead of printing a secret.</summary>
    public string? EnvironmentVariableOf(string key) => _environment.GetValueOrDefault(key);

    public void SetLine(string key, int line) => _lines[key] = line;

    public void SetEnvironmentVariable(string key, string variable) => _environment[key] = variable;
}
