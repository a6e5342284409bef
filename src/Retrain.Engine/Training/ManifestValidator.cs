using System.Text.Json;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Training;

/// <summary>
/// The one check of a manifest read from outside (registration and load): JSON types, then each field's range.
/// A manifest is a file anyone can edit, and its numbers size allocations at prediction, so nothing is trusted:
/// every problem is a BadManifest error (InvalidData) naming the file and the field.
/// </summary>
public static class ManifestValidator
{
    /// <summary>A manifest larger than this is not a manifest (the largest real ones, with per-unit errors, are a few hundred KB).</summary>
    public const int MaxManifestBytes = 16 << 20;

    /// <summary>The widest rolling window a manifest may ask for (rows per unit); it sizes a buffer per prediction.</summary>
    public const int MaxWindowFeatures = 100_000;

    public const int MaxFeatures = 10_000;

    public const int MaxNameLength = 256;

    public static readonly IReadOnlySet<string> SplitKinds = new HashSet<string>(StringComparer.Ordinal) { "unit", "row", "none" };

    /// <summary>Parses and validates; <paramref name="source"/> names the file in errors.</summary>
    public static ModelManifest Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxManifestBytes)
            throw Bad(source, "(file)", $"is {json.Length} bytes, more than a manifest may be ({MaxManifestBytes})");
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(json, ModelManifest.JsonOptions);
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) ? "(document)" : e.Path.TrimStart('$', '.');
            throw Bad(source, field, $"is not valid ({e.Message})", e);
        }
        if (manifest is null)
            throw Bad(source, "(document)", "is null");
        Validate(manifest, source);
        return manifest;
    }

    public static void Validate(ModelManifest m, string source)
    {
        if (m.FormatVersion < 1 || m.FormatVersion > ModelManifest.CurrentFormatVersion)
            throw Bad(source, "format_version",
                m.FormatVersion > ModelManifest.CurrentFormatVersion
                    ? $"is {m.FormatVersion}, newer than this engine reads ({ModelManifest.CurrentFormatVersion}): upgrade the module"
                    : $"is {m.FormatVersion}; known formats are 1-{ModelManifest.CurrentFormatVersion}");
        Names(source, "features", m.Features, required: true);
        Name(source, "target", m.Target);
        if (m.Features.Contains(m.Target, StringComparer.Ordinal))
            throw Bad(source, "features", $"holds the target '{m.Target}'");
        Name(source, "trainer", m.Trainer);
        if (!Enum.TryParse<TrainerKind>(m.Trainer, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || m.Trainer.All(char.IsAsciiDigit))
            throw Bad(source, "trainer", $"is '{m.Trainer}'; known trainers are {string.Join(", ", Enum.GetNames<TrainerKind>())}");
        if (m.WindowFeatures < 0 || m.WindowFeatures > MaxWindowFeatures)
            throw Bad(source, "window_features", $"is {m.WindowFeatures}; it must be 0 (none) to {MaxWindowFeatures} rows");
        if (m.GroupColumn is not null)
            Name(source, "group_column", m.GroupColumn);
        if (m.OrderColumn is not null)
            Name(source, "order_column", m.OrderColumn);
        if (m.ModelFeatures is null)
            throw Bad(source, "model_features", "is null");
        if (m.ModelFeatures.Count > 0 && !m.ModelFeatures.SequenceEqual(WindowFeatures.Names(m.Features, m.WindowFeatures), StringComparer.Ordinal))
            throw Bad(source, "model_features", "does not match features and window_features (the inputs, then f_meanN and f_slopeN per input)");
        if (m.SplitBy is null || !SplitKinds.Contains(m.SplitBy))
            throw Bad(source, "split_by", $"is '{m.SplitBy}'; it must be unit, row or none");
        if (!(m.TestSize >= 0 && m.TestSize < 1))
            throw Bad(source, "test_size", $"is {m.TestSize}; it must be at least 0 and less than 1");
        if (m.RulCap is { } cap && !(cap > 0 && double.IsFinite(cap)))
            throw Bad(source, "rul_cap", $"is {cap}; it must be a positive number or null");
        foreach (var (field, value) in new[] { ("row_count", m.RowCount), ("train_rows", m.TrainRows), ("test_rows", m.TestRows) })
            if (value < 0)
                throw Bad(source, field, $"is {value}; it must not be negative");
        if (m.TestUnits is null) throw Bad(source, "test_units", "is null");
        if (m.TrainUnits is null) throw Bad(source, "train_units", "is null");
        if (m.HeldOutErrors is null) throw Bad(source, "held_out_errors", "is null");
        if (m.HeldOutErrors.Any(e => e.Value is null || e.Value.Rows < 0))
            throw Bad(source, "held_out_errors", "holds an entry that is null or has a negative row count");
        if (m.Metrics is null) throw Bad(source, "metrics", "is null");
        if (m.Hyperparameters is null) throw Bad(source, "hyperparameters", "is null");
        if (m.LibraryVersions is null) throw Bad(source, "library_versions", "is null");
        if (m.DataSha256 is null) throw Bad(source, "data_sha256", "is null");
    }

    private static void Names(string source, string field, IReadOnlyList<string>? names, bool required)
    {
        if (names is null)
            throw Bad(source, field, "is null; it must be a list of column names");
        if (required && names.Count == 0)
            throw Bad(source, field, "is empty; a model needs at least one input column");
        if (names.Count > MaxFeatures)
            throw Bad(source, field, $"has {names.Count} entries, more than {MaxFeatures}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            Name(source, $"{field}[{i}]", names[i]);
            if (!seen.Add(names[i]))
                throw Bad(source, $"{field}[{i}]", $"repeats '{names[i]}'; each column may appear once");
        }
    }

    private static void Name(string source, string field, string? value)
    {
        if (value is null)
            throw Bad(source, field, "is null");
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength || value.Any(char.IsControl))
            throw Bad(source, field, $"is '{Show(value)}'; it must be 1-{MaxNameLength} characters, not only white space, no control characters");
    }

    private static string Show(string value) => value.Length > 60 ? value[..60] + "…" : string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static RetrainException Bad(string source, string field, string problem, Exception? inner = null) =>
        new("BadManifest", RetrainErrorKind.InvalidData, $"{source}: field '{field}' {problem}.", $"{source}#{field}", inner);
}
