using System.Text.Json;
using System.Text.Json.Serialization;

namespace Retrain.Engine.Training;

/// <summary>
/// What a model is and how it was made; saved beside the ML.NET zip as <c>manifest.json</c>.
/// JSON: System.Text.Json, property names snake_case (<c>features</c>, <c>rul_cap</c>, <c>data_sha256</c>, …),
/// dictionary keys as written (metrics: <c>mae</c>, <c>rmse</c>, <c>r2</c>), times ISO 8601.
/// </summary>
public sealed class ModelManifest
{
    /// <summary>
    /// The manifest layout version; readers refuse a newer one. It changes only when an older reader would
    /// misread a manifest (a field renamed, removed or given a new meaning). A field added as optional does not
    /// change it: older readers skip unknown properties (System.Text.Json's default, which <see cref="JsonOptions"/>
    /// keeps), and newer readers give the field its empty default in older manifests. <see cref="TrainUnits"/> and
    /// <see cref="HeldOutErrors"/> were added that way, within format 1.
    /// </summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Input columns the model needs (besides <see cref="GroupColumn"/>/<see cref="OrderColumn"/> when <see cref="WindowFeatures"/> &gt; 0).</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The model's own feature vector: the inputs, then <c>f_meanN</c>, <c>f_slopeN</c> per input when windows are on.</summary>
    public IReadOnlyList<string> ModelFeatures { get; init; } = [];

    public required string Target { get; init; }

    /// <summary>FastTree, LightGbm, FastForest or Sdca.</summary>
    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Training target was min(cap, target); the test-split metrics are against the same capped target.</summary>
    public double? RulCap { get; init; }

    /// <summary>Rolling window (rows per unit) for mean/slope features; 0 = none.</summary>
    public int WindowFeatures { get; init; }

    public string? GroupColumn { get; init; }

    public string? OrderColumn { get; init; }

    /// <summary>"unit" (whole units on each side, by <see cref="GroupColumn"/>), "row" (no group column: rows split at random) or "none" (test_size 0: no test split, no metrics).</summary>
    public string SplitBy { get; init; } = "unit";

    public double TestSize { get; init; }

    /// <summary>The data's source and time window, as the caller described it.</summary>
    public string? DataWindow { get; init; }

    public int RowCount { get; init; }

    public int TrainRows { get; init; }

    public int TestRows { get; init; }

    /// <summary>Group values held out for the test split (as text, invariant culture); empty when split by row.</summary>
    public IReadOnlyList<string> TestUnits { get; init; } = [];

    /// <summary>
    /// Group values the model was fitted on (as text, like <see cref="TestUnits"/>); empty when split by row, when
    /// nothing was held out, and in manifests written before it was recorded. Concept drift uses it to leave a
    /// reference window's trained-on units out of the model's reference error.
    /// </summary>
    public IReadOnlyList<string> TrainUnits { get; init; } = [];

    /// <summary>
    /// The model's errors on each held-out unit, keyed by the unit's group value as text (as in <see cref="TestUnits"/>),
    /// against the same (capped) target as <see cref="Metrics"/>. Per-unit row counts and means, so the held-out MAE
    /// (Σ rows·mae / Σ rows) and RMSE can be recomputed, and resampled by unit. Empty when split by row or not split.
    /// </summary>
    public IReadOnlyDictionary<string, UnitError> HeldOutErrors { get; init; } = new Dictionary<string, UnitError>();

    /// <summary>See <see cref="DataHash"/>.</summary>
    public string DataSha256 { get; init; } = "";

    /// <summary>On the test split: <c>mae</c>, <c>rmse</c>, <c>r2</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary><c>ml_net</c>, <c>retrain_engine</c>, <c>runtime</c>.</summary>
    public IReadOnlyDictionary<string, string> LibraryVersions { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }

    public int Seed { get; init; }

    /// <summary>Wall-clock seconds spent fitting the model (not the evaluation).</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Every column <see cref="ModelPredictor.Predict"/> reads.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> RequiredColumns =>
        WindowFeatures > 0
            ? Features.Concat(new[] { GroupColumn, OrderColumn }.OfType<string>()).ToArray()
            : Features;

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // r2 is NaN when the test target is constant
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates (<see cref="ManifestValidator"/>): BadManifest naming the field on any problem.</summary>
    public static ModelManifest FromJson(string json, string source = "manifest.json") =>
        ManifestValidator.Parse(System.Text.Encoding.UTF8.GetBytes(json), source);
}

/// <summary>A model's error on one unit's rows: how many, their mean absolute error and root mean squared error.</summary>
public sealed record UnitError(int Rows, double Mae, double Rmse);
