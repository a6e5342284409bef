using System.Text;

namespace Retrain.Engine.Configuration;

/// <summary>Naming rules of the YAML file: snake_case keys and enum values, and "did you mean" suggestions.</summary>
internal static class KeyNames
{
    /// <summary><c>DataDriftThreshold</c> → <c>data_drift_threshold</c>; <c>FdrBh</c> → <c>fdr_bh</c>; <c>R2</c> → <c>r2</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterLowerOrDigit || endsAcronym)
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads an enum value case-insensitively, ignoring '_' and '-', so <c>fdr_bh</c>, <c>FdrBh</c> and
    /// <c>fast_tree</c>/<c>fasttree</c>/<c>FastTree</c> all match. Numbers are not accepted.
    /// </summary>
    public static bool TryParseEnum(Type enumType, string text, out object? value)
    {
        string wanted = Squash(text);
        foreach (string name in Enum.GetNames(enumType))
        {
            if (Squash(name) == wanted && wanted.Length > 0)
            {
                value = Enum.Parse(enumType, name);
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The allowed values of an enum as the file spells them: "bonferroni, fdr_bh, none".</summary>
    public static string AllowedValues(Type enumType) => string.Join(", ", Enum.GetNames(enumType).Select(ToSnakeCase));

    /// <summary>The candidate closest to <paramref name="key"/> when it is a plausible typo, else null.</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        string lower = key.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = Distance(lower, candidate);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best is null)
            return null;
        int allowed = Math.Clamp(best.Length / 3, 1, 3);
        return bestDistance <= allowed ? best : null;
    }

    private static string Squash(string s) => s.Replace("_", "").Replace("-", "").Trim().ToLowerInvariant();

    /// <summary>Levenshtein edit distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
