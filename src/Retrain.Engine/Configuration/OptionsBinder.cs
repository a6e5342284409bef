using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Retrain.Engine.Configuration;

/// <summary>
/// Copies a <see cref="ConfigNode"/> tree onto a default <see cref="RetrainOptions"/>: each key is the
/// snake_case name of a property; unmentioned keys keep their defaults. Rejects unknown keys, values of
/// the wrong type, unknown enum values and unset <c>env:NAME</c> variables, naming the key and line.
/// </summary>
internal sealed partial class OptionsBinder
{
    private readonly string _source;
    private readonly KeyLocations _locations = new();
    private readonly NullabilityInfoContext _nullability = new();

    private OptionsBinder(string source) => _source = source;

    public static RetrainOptions Bind(ConfigNode? root, string source, out KeyLocations locations)
    {
        var binder = new OptionsBinder(source);
        var options = new RetrainOptions();
        if (root is not null)
        {
            if (root.Kind != ConfigNodeKind.Mapping)
                throw ConfigurationException.At("ConfigWrongType", source, null, root.Line,
                    $"the configuration must be a mapping of sections ({string.Join(", ", Properties(typeof(RetrainOptions)).Keys)}), found {root.Describe()}.");
            binder.BindSection(options, root, "");
        }
        locations = binder._locations;
        return options;
    }

    /// <summary>Every dotted key the file may hold, sections included.</summary>
    public static IEnumerable<string> AllKeys(Type type, string prefix = "")
    {
        foreach (var (name, property) in Properties(type))
        {
            string dotted = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return dotted;
            if (IsSection(property.PropertyType))
                foreach (string child in AllKeys(property.PropertyType, dotted))
                    yield return child;
        }
    }

    private void BindSection(object target, ConfigNode mapping, string prefix)
    {
        var properties = Properties(target.GetType());
        foreach (var (key, line, value) in mapping.Entries)
        {
            string dotted = prefix.Length == 0 ? key : $"{prefix}.{key}";
            _locations.SetLine(dotted, line);
            if (!properties.TryGetValue(key, out var property))
            {
                if (ReplacedKeys.TryGetValue(dotted, out string? replacement))
                    throw ConfigurationException.At("ConfigKeyReplaced", _source, dotted, line, $"'{dotted}' was replaced by {replacement}");
                throw UnknownKey(dotted, key, line, prefix, properties.Keys);
            }

            if (IsSection(property.PropertyType))
            {
                if (value.IsNull)
                    continue; // "alerts:" with nothing under it keeps the defaults
                if (value.Kind != ConfigNodeKind.Mapping)
                    throw WrongType(dotted, line, "a section of keys", value);
                BindSection(property.GetValue(target)!, value, dotted);
            }
            else
            {
                property.SetValue(target, Convert(property, value, dotted, line));
            }
        }
    }

    private object? Convert(PropertyInfo property, ConfigNode node, string key, int line)
    {
        Type type = property.PropertyType;
        if (type == typeof(List<string>))
            return ConvertList(node, key, line);
        if (type == typeof(List<int>))
            return ConvertWholeNumbers(node, key, line);

        Type? underlying = Nullable.GetUnderlyingType(type);
        Type target = underlying ?? type;
        bool nullable = underlying is not null
            || (!type.IsValueType && _nullability.Create(property).WriteState == NullabilityState.Nullable);

        if (node.Kind != ConfigNodeKind.Scalar)
            throw WrongType(key, line, Expected(target), node);
        if (node.IsNull)
        {
            if (nullable)
                return null;
            throw ConfigurationException.At("ConfigMissingValue", _source, key, line,
                $"{key} has no value; give it {Expected(target)}, or leave the key out to use the default.");
        }
        return ConvertScalar(target, Text(node, key, line), node, key, line);
    }

    private object ConvertScalar(Type type, string text, ConfigNode node, string key, int line)
    {
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
        {
            if (text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
                return true;
            if (text.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        else if (type == typeof(int))
        {
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i))
                return i;
        }
        else if (type == typeof(long))
        {
            if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                return l;
        }
        else if (type == typeof(double))
        {
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                return d;
        }
        else if (type.IsEnum)
        {
            if (KeyNames.TryParseEnum(type, text, out object? value))
                return value!;
            throw ConfigurationException.At("ConfigInvalidValue", _source, key, line,
                $"{key} = {node.Describe()} is not one of the allowed values: {KeyNames.AllowedValues(type)}.");
        }
        else
        {
            throw new InvalidOperationException($"Configuration property type {type} has no YAML conversion.");
        }
        throw WrongType(key, line, Expected(type), node);
    }

    private List<string> ConvertList(ConfigNode node, string key, int line) =>
        ConvertSequence(node, key, line, "[a, b]", "a text value", (item, itemKey) => Text(item, itemKey, item.Line));

    private List<int> ConvertWholeNumbers(ConfigNode node, string key, int line) =>
        ConvertSequence(node, key, line, "[10, 50, 100]", "a whole number",
            (item, itemKey) => (int)ConvertScalar(typeof(int), Text(item, itemKey, item.Line), item, itemKey, item.Line));

    /// <summary>A YAML sequence of scalars (null: empty), each converted by <paramref name="convert"/>; a bad item is named by its index.</summary>
    private List<T> ConvertSequence<T>(ConfigNode node, string key, int line, string example, string itemExpected, Func<ConfigNode, string, T> convert)
    {
        if (node.IsNull)
            return new List<T>();
        if (node.Kind != ConfigNodeKind.Sequence)
            throw WrongType(key, line, $"{Expected(typeof(List<T>))} (write {example} or one '- item' per line)", node);
        var list = new List<T>(node.Items.Count);
        for (int i = 0; i < node.Items.Count; i++)
        {
            ConfigNode item = node.Items[i];
            string itemKey = $"{key}[{i}]";
            _locations.SetLine(itemKey, item.Line); // so a rule about one item (alerts.on[1]) names its line
            if (item.Kind != ConfigNodeKind.Scalar || item.IsNull)
                throw WrongType(itemKey, item.Line, itemExpected, item);
            list.Add(convert(item, itemKey));
        }
        return list;
    }

    /// <summary>The scalar's text, with <c>env:NAME</c> replaced by that environment variable.</summary>
    private string Text(ConfigNode node, string key, int line)
    {
        string text = node.Value!;
        Match m = EnvReference().Match(text);
        if (!m.Success)
            return text;
        string variable = m.Groups[1].Value;
        string? value = Environment.GetEnvironmentVariable(variable);
        if (value is null)
            throw ConfigurationException.At("ConfigEnvironmentVariableNotSet", _source, key, line,
                $"{key} = '{text}': environment variable '{variable}' is not set.");
        _locations.SetEnvironmentVariable(key, variable);
        return value;
    }

    private ConfigurationException WrongType(string key, int line, string expected, ConfigNode found) =>
        ConfigurationException.At("ConfigWrongType", _source, key, line,
            found.Kind == ConfigNodeKind.Scalar
                ? $"{key} = {found.Describe()} is not {expected}."
                : $"{key} must be {expected}, found {found.Describe()}.");

    private ConfigurationException UnknownKey(string dotted, string key, int line, string prefix, IEnumerable<string> siblings)
    {
        string? suggestion = KeyNames.Closest(key, siblings);
        if (suggestion is null)
        {
            // The right key in the wrong section: "min_samples" under model_comparison.
            suggestion = AllKeys(typeof(RetrainOptions)).FirstOrDefault(k => k.EndsWith("." + key.ToLowerInvariant(), StringComparison.Ordinal));
        }
        string where = prefix.Length == 0 ? "Known sections" : $"Known keys in '{prefix}'";
        string hint = suggestion is not null ? $"; did you mean '{suggestion}'?" : $". {where}: {string.Join(", ", siblings)}.";
        return ConfigurationException.At("ConfigUnknownKey", _source, dotted, line, $"unknown key '{dotted}'{hint}");
    }

    private static string Expected(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) ? "a number"
        : type == typeof(string) ? "a text value"
        : type == typeof(List<string>) ? "a list of text values"
        : type == typeof(List<int>) ? "a list of whole numbers"
        : type.IsEnum ? $"one of: {KeyNames.AllowedValues(type)}"
        : type.Name;

    private static bool IsSection(Type type) => type.IsClass && type != typeof(string) && type != typeof(List<string>) && type != typeof(List<int>);

    /// <summary>
    /// Keys an earlier Retrain read and this one does not, with what replaced them: a file written for the old meaning
    /// fails naming the new key instead of being half obeyed.
    /// </summary>
    private static readonly Dictionary<string, string> ReplacedKeys = new(StringComparer.Ordinal)
    {
        ["deployment.canary_traffic_percent"] =
            "deployment.canary_steps, the canary's share of the rows at each step (default [10, 50, 100]; 100 promotes it): " +
            "for the old canary_traffic_percent: 10, write canary_steps: [10, 100].",
    };

    private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> s_properties = new();

    /// <summary>The settable properties of an options type by snake_case key, in declaration order.</summary>
    private static Dictionary<string, PropertyInfo> Properties(Type type)
    {
        lock (s_properties)
        {
            if (!s_properties.TryGetValue(type, out var map))
            {
                map = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
                    .Where(p => p.GetCustomAttribute<NotInConfigurationAttribute>() is null)
                    .ToDictionary(p => KeyNames.ToSnakeCase(p.Name), StringComparer.Ordinal);
                s_properties[type] = map;
            }
            return map;
        }
    }

    [GeneratedRegex(@"^env:([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex EnvReference();
}
