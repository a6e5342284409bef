namespace Retrain.Engine.Configuration;

/// <summary>The whole configuration, one typed section per top-level key of retrain_config.yaml.</summary>
public sealed class RetrainOptions
{
    public PipelineOptions Pipeline { get; set; } = new();
    public DriftDetectionOptions DriftDetection { get; set; } = new();
    public ModelComparisonOptions ModelComparison { get; set; } = new();
    public DeploymentOptions Deployment { get; set; } = new();
    public DataOptions Data { get; set; } = new();
    public TrainingOptions Training { get; set; } = new();
    public StoreOptions Store { get; set; } = new();
    public AlertsOptions Alerts { get; set; } = new();

    /// <summary>The file this was loaded from (null for the built-in defaults); relative paths resolve against its folder.</summary>
    [NotInConfiguration]
    public string? SourcePath { get; set; }

    /// <summary>Where relative paths resolve when no file was loaded (a shell's current location can differ from the process's).</summary>
    [NotInConfiguration]
    public string? WorkingDirectory { get; set; }

    /// <summary>The folder relative paths in the configuration are resolved against: the config file's, else the working directory.</summary>
    public string BaseDirectory => SourcePath is null ? WorkingDirectory ?? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(SourcePath))!;
}

public sealed class PipelineOptions
{
    public bool AutoDeploy { get; set; }
    public bool RequireApproval { get; set; } = true;
    public string ScheduleCron { get; set; } = "0 2 * * 0";
    public int TrainingWindowDays { get; set; } = 90;
    /// <summary>Days after a deployment of the model in which a scheduled run does not retrain (fractions allowed); 0 = none. A manual -Reason overrides it.</summary>
    public double CooldownDays { get; set; }
}

// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum PValueCorrection : long
{
    Bonferroni,
    FdrBh,
    None,
}

public sealed class DriftDetectionOptions
{
    public double DataDriftThreshold { get; set; } = 0.05;
    public double ConceptDriftThreshold { get; set; } = 0.15;
    public int WindowSizeDays { get; set; } = 7;
    public int MinSamples { get; set; } = 1000;
    public double MinStatistic { get; set; } = 0.1;
    public PValueCorrection Correction { get; set; } = PValueCorrection.Bonferroni;
    public int PsiBins { get; set; } = 10;
    /// <summary>
    /// Random engine splits B for the engine-calibrated p-value (every split when there are at most B of them); the
    /// smallest p it can give is 1 / (B + 1).
    /// </summary>
    public int Permutations { get; set; } = 999;
    /// <summary>Drift checks of the model in a row (this one included) that must find drift before a scheduled run retrains. A manual -Reason overrides it.</summary>
    public int ConsecutiveWindows { get; set; } = 1;
}

// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum PrimaryMetric : long
{
    Mae,
    Rmse,
    R2,
    Mape,
}

public sealed class ModelComparisonOptions
{
    public PrimaryMetric PrimaryMetric { get; set; } = PrimaryMetric.Mae;
    public double MinImprovementPct { get; set; } = 5.0;
    public double TestSize { get; set; } = 0.2;
    public double SignificanceLevel { get; set; } = 0.05;
    public int BootstrapResamples { get; set; } = 2000;
    public string? SegmentColumn { get; set; }
    public int MinSegmentRows { get; set; } = 100;
    public double MaxSegmentRegressionPct { get; set; } = 10.0;
    /// <summary>
    /// Both models are judged against min(target_cap, target); null takes the challenger's own training cap (its
    /// manifest's rul_cap; none when it had none). Never training.rul_cap: a verdict must not change with the
    /// configuration of the session that asks for it.
    /// </summary>
    public double? TargetCap { get; set; }
}

// long-based because ConvertTo-Json writes 64-bit enums by their names (and others as numbers): on output objects.
public enum DeploymentStrategy : long
{
    Direct,
    Shadow,
    Canary,
}

public sealed class DeploymentOptions
{
    public string ModelName { get; set; } = "predictive_maintenance_model";
    public DeploymentStrategy Strategy { get; set; } = DeploymentStrategy.Direct;
    public bool EnableRollback { get; set; } = true;
    /// <summary>
    /// The canary's share of the rows at each step, strictly increasing and ending with 100: publishing with Canary puts
    /// the candidate on the first, each successful gate (Step-ModelDeployment) moves it to the next, and 100 promotes it.
    /// </summary>
    public List<int> CanarySteps { get; set; } = new() { 10, 50, 100 };
    /// <summary>A gate fails when the canary's error (MAE) on its rows exceeds Production's on the same rows by more than this percent.</summary>
    public double CanaryMaxRegressionPct { get; set; } = 10.0;
    /// <summary>Fewer labelled rows of the canary's equipment than this and the gate is Inconclusive: the canary stays where it is.</summary>
    public int CanaryMinRows { get; set; } = 200;
    /// <summary>
    /// Fewer distinct pieces of equipment than this among those rows and the gate is Inconclusive: rows of one machine are
    /// not independent, so many rows of two machines say little about the rest of the fleet.
    /// </summary>
    public int CanaryMinUnits { get; set; } = 3;
    /// <summary>Every publish and rollback must say why (-Reason); an empty one is refused before anything changes.</summary>
    public bool RequireReason { get; set; }
    /// <summary>Days an approval request waits for Approve-ModelDeployment before it expires (fractions allowed).</summary>
    public double ApprovalExpiryDays { get; set; } = 7;
    /// <summary>Invoke-ModelPrediction records every prediction of the Production version (and its shadow) in the prediction log, as with -Record.</summary>
    public bool RecordPredictions { get; set; }
    /// <summary>A scheduled run first checks a Production version deployed within this many days (fractions allowed); 0 turns the automatic rollback off.</summary>
    public double RollbackWindowDays { get; set; } = 7;
    /// <summary>The automatic rollback happens when the Production version's primary metric on labelled rows since its deployment is worse than the version it replaced by more than this percent.</summary>
    public double RollbackRegressionPct { get; set; } = 10;
}

public sealed class DataOptions
{
    /// <summary>Default data file for the pipeline (CSV, or C-MAPSS text), relative to the config file.</summary>
    public string? Path { get; set; }
    public string TargetColumn { get; set; } = "rul";
    public string? TimestampColumn { get; set; }
    public string? GroupColumn { get; set; } = "unit";
    /// <summary>Feature columns; empty means every numeric column but the target, timestamp, group and excluded ones.</summary>
    public List<string> FeatureColumns { get; set; } = new();
    public List<string> ExcludeColumns { get; set; } = new() { "cycle" };
    /// <summary>The field separator of CSV files; auto detects it from the header line.</summary>
    public CsvDelimiter Delimiter { get; set; } = CsvDelimiter.Auto;
    /// <summary>Most data rows one file or pipeline input may have; more is an error, so a runaway input cannot exhaust memory.</summary>
    public int MaxRows { get; set; } = Data.DataLimits.DefaultMaxRows;
    /// <summary>Most bytes one data file may hold once decompressed: a small .gz can expand without bound.</summary>
    public long MaxBytes { get; set; } = Data.DataLimits.DefaultMaxBytes;
}

/// <summary>
/// The field separator of a CSV file. Auto takes the one the header line uses among comma, semicolon, tab and
/// pipe. With any separator but the comma, a number may use a decimal comma (23,5), as European exports do.
/// </summary>
public enum CsvDelimiter
{
    Auto,
    Comma,
    Semicolon,
    Tab,
    Pipe,
}

public enum TrainerKind
{
    FastTree,
    LightGbm,
    FastForest,
    Sdca,
}

public sealed class TrainingOptions
{
    public TrainerKind Trainer { get; set; } = TrainerKind.FastTree;
    public int Seed { get; set; } = 42;
    public double? RulCap { get; set; }
    /// <summary>Rolling window, in cycles of each unit, for engineered mean/slope features; 0 turns them off.</summary>
    public int WindowFeatures { get; set; }
    public int NumberOfTrees { get; set; } = 200;
    public int NumberOfLeaves { get; set; } = 15;
    public double LearningRate { get; set; } = 0.1;
    public int MinimumExampleCountPerLeaf { get; set; } = 10;
}

public sealed class StoreOptions
{
    /// <summary>Relative folders resolve against the configuration file's folder. Not used when <see cref="Origin"/> is UserDefault.</summary>
    public string Uri { get; set; } = "file:./.retrain";
    public string? Artifacts { get; set; }

    /// <summary>How long a change waits for another process's store lock before failing (0: one attempt).</summary>
    public double LockTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Where <see cref="Uri"/> came from (set by <see cref="ConfigurationLoader.Resolve"/>). UserDefault means no file and no
    /// RETRAIN_STORE_URI: the store is the per-user data folder (<see cref="Retrain.Engine.Store.UserDataFolder"/>), found
    /// when the store is opened, so a command that never opens one does not need it.
    /// </summary>
    [NotInConfiguration]
    public Retrain.Engine.Store.StoreOrigin Origin { get; set; } = Retrain.Engine.Store.StoreOrigin.ConfigFile;
}

public sealed class AlertsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Where alerts are POSTed as JSON (an absolute http(s) URL; may hold a token, so it is never shown whole).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// Events that raise an alert: their names (drift_detected, retrained, deployed, pending_approval, rolled_back, failed)
    /// or the older groups drift, deployment and failure (<see cref="Retrain.Engine.Alerts.AlertEvents.LegacyNames"/>).
    /// </summary>
    public List<string> On { get; set; } = new() { "drift", "deployment", "failure" };

    /// <summary>A file each alert is appended to as one JSON line (relative to the config file's folder); null: none.</summary>
    public string? LogPath { get; set; }

    /// <summary>Longest a webhook delivery may take, every attempt and back-off included.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Further attempts after a transient webhook failure (connection error, timeout, 408, 429, 5xx).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Back-off before the first retry; it doubles for each later one (with jitter).</summary>
    public double RetryDelaySeconds { get; set; } = 1;
}
