using System.Text.Json;
using System.Text.Json.Serialization;
using Retrain.Engine.Configuration;
using Xunit;

namespace Retrain.Engine.Tests.Configuration;

public class ConfigurationLoaderTests
{
    private static readonly JsonSerializerOptions s_json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Compares every section by value (SourcePath and BaseDirectory are where it came from, not what it says).</summary>
    private static void AssertSameSettings(RetrainOptions expected, RetrainOptions actual)
    {
        Assert.Equal(JsonSerializer.Serialize(expected.Pipeline, s_json), JsonSerializer.Serialize(actual.Pipeline, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.DriftDetection, s_json), JsonSerializer.Serialize(actual.DriftDetection, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.ModelComparison, s_json), JsonSerializer.Serialize(actual.ModelComparison, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.Deployment, s_json), JsonSerializer.Serialize(actual.Deployment, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.Data, s_json), JsonSerializer.Serialize(actual.Data, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.Training, s_json), JsonSerializer.Serialize(actual.Training, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.Store, s_json), JsonSerializer.Serialize(actual.Store, s_json));
        Assert.Equal(JsonSerializer.Serialize(expected.Alerts, s_json), JsonSerializer.Serialize(actual.Alerts, s_json));
    }

    // ---- defaults and the shipped file ----

    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var o = ConfigurationLoader.Defaults();
        Assert.Null(o.SourcePath);
        Assert.False(o.Pipeline.AutoDeploy);
        Assert.True(o.Pipeline.RequireApproval);
        Assert.Equal("0 2 * * 0", o.Pipeline.ScheduleCron);
        Assert.Equal(90, o.Pipeline.TrainingWindowDays);
        Assert.Equal(0.05, o.DriftDetection.DataDriftThreshold);
        Assert.Equal(0.15, o.DriftDetection.ConceptDriftThreshold);
        Assert.Equal(7, o.DriftDetection.WindowSizeDays);
        Assert.Equal(1000, o.DriftDetection.MinSamples);
        Assert.Equal(0.1, o.DriftDetection.MinStatistic);
        Assert.Equal(PValueCorrection.Bonferroni, o.DriftDetection.Correction);
        Assert.Equal(10, o.DriftDetection.PsiBins);
        Assert.Equal(PrimaryMetric.Mae, o.ModelComparison.PrimaryMetric);
        Assert.Equal(5.0, o.ModelComparison.MinImprovementPct);
        Assert.Equal(0.2, o.ModelComparison.TestSize);
        Assert.Equal(0.05, o.ModelComparison.SignificanceLevel);
        Assert.Equal(2000, o.ModelComparison.BootstrapResamples);
        Assert.Equal("predictive_maintenance_model", o.Deployment.ModelName);
        Assert.Equal(DeploymentStrategy.Direct, o.Deployment.Strategy);
        Assert.True(o.Deployment.EnableRollback);
        Assert.Equal(7, o.Deployment.ApprovalExpiryDays);
        Assert.False(o.Deployment.RecordPredictions);
        Assert.Equal("file:./.retrain", o.Store.Uri);
    }

    [Fact]
    public void ShippedConfig_ParsesToTheDefaults()
    {
        string path = ConfigAssert.ShippedConfigPath();
        var loaded = ConfigurationLoader.Load(path);
        AssertSameSettings(ConfigurationLoader.Defaults(), loaded);
        Assert.Equal(Path.GetFullPath(path), loaded.SourcePath);
    }

    [Fact]
    public void ShippedConfig_SetsEveryKey()
    {
        string text = File.ReadAllText(ConfigAssert.ShippedConfigPath());
        foreach (string key in OptionsBinder.AllKeys(typeof(RetrainOptions)))
        {
            string leaf = key[(key.LastIndexOf('.') + 1)..];
            Assert.Matches($"(?m)^\\s*{leaf}:", text);
        }
    }

    [Fact]
    public void ShippedConfig_DocumentsEveryKeyWithAComment()
    {
        string[] lines = File.ReadAllLines(ConfigAssert.ShippedConfigPath());
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool isKey = line.Length > 0 && !line.TrimStart().StartsWith('#') && line.Contains(':');
            if (isKey)
                Assert.True(lines[i - 1].TrimStart().StartsWith('#') || line.Contains(" # "), $"line {i + 1} ({line.Trim()}) has no comment");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void EmptyFile_GivesTheDefaults(string yaml)
    {
        var o = ConfigurationLoader.Parse(yaml, ConfigAssert.Source);
        AssertSameSettings(ConfigurationLoader.Defaults(), o);
        Assert.Null(o.SourcePath);
    }

    [Fact]
    public void UnmentionedKeys_KeepTheirDefaults()
    {
        var o = ConfigurationLoader.Parse("drift_detection:\n  min_samples: 50\nalerts:\n", ConfigAssert.Source);
        Assert.Equal(50, o.DriftDetection.MinSamples);
        var expected = ConfigurationLoader.Defaults();
        expected.DriftDetection.MinSamples = 50;
        AssertSameSettings(expected, o);
    }

    [Fact]
    public void EveryKindOfValue_IsRead()
    {
        const string yaml = """
            pipeline:
              auto_deploy: TRUE
              require_approval: false
              schedule_cron: "*/15 * * * 1-5"
              training_window_days: 30
            drift_detection:
              data_drift_threshold: 0.01
              concept_drift_threshold: 2.5
              window_size_days: 14
              min_samples: 200
              min_statistic: 0
              correction: fdr_bh
              psi_bins: 2
            model_comparison:
              primary_metric: R2
              min_improvement_pct: 0
              test_size: 0.25
              significance_level: 0.01
              bootstrap_resamples: 500
              segment_column: regime
              min_segment_rows: 20
              max_segment_regression_pct: 2.5
              target_cap: 130
            deployment:
              model_name: turbofan-fd001.v2
              strategy: canary
              enable_rollback: false
              canary_steps: [5, 25, 100]
              canary_max_regression_pct: 2.5
              canary_min_rows: 50
              canary_min_units: 4
              approval_expiry_days: 0.5
              record_predictions: true
            data:
              path: data/train_FD001.txt
              target_column: RUL
              timestamp_column: 'ts'
              group_column: ~
              feature_columns:
                - s2
                - s3
              exclude_columns: []
            training:
              trainer: light_gbm
              seed: -7
              rul_cap: 125
              window_features: 5
              number_of_trees: 50
              number_of_leaves: 2
              learning_rate: 1e-2
              minimum_example_count_per_leaf: 1
            store:
              uri: file:/var/lib/retrain
              artifacts: artifacts
            alerts:
              enabled: true
              webhook_url: https://hooks.example.com/retrain
              on: [drift]
            """;
        var o = ConfigurationLoader.Parse(yaml, ConfigAssert.Source);
        Assert.True(o.Pipeline.AutoDeploy);
        Assert.False(o.Pipeline.RequireApproval);
        Assert.Equal("*/15 * * * 1-5", o.Pipeline.ScheduleCron);
        Assert.Equal(30, o.Pipeline.TrainingWindowDays);
        Assert.Equal(0.01, o.DriftDetection.DataDriftThreshold);
        Assert.Equal(2.5, o.DriftDetection.ConceptDriftThreshold);
        Assert.Equal(14, o.DriftDetection.WindowSizeDays);
        Assert.Equal(200, o.DriftDetection.MinSamples);
        Assert.Equal(0, o.DriftDetection.MinStatistic);
        Assert.Equal(PValueCorrection.FdrBh, o.DriftDetection.Correction);
        Assert.Equal(2, o.DriftDetection.PsiBins);
        Assert.Equal(PrimaryMetric.R2, o.ModelComparison.PrimaryMetric);
        Assert.Equal(0, o.ModelComparison.MinImprovementPct);
        Assert.Equal(0.25, o.ModelComparison.TestSize);
        Assert.Equal(0.01, o.ModelComparison.SignificanceLevel);
        Assert.Equal(500, o.ModelComparison.BootstrapResamples);
        Assert.Equal("regime", o.ModelComparison.SegmentColumn);
        Assert.Equal(20, o.ModelComparison.MinSegmentRows);
        Assert.Equal(2.5, o.ModelComparison.MaxSegmentRegressionPct);
        Assert.Equal(130.0, o.ModelComparison.TargetCap);
        Assert.Equal("turbofan-fd001.v2", o.Deployment.ModelName);
        Assert.Equal(DeploymentStrategy.Canary, o.Deployment.Strategy);
        Assert.False(o.Deployment.EnableRollback);
        Assert.Equal(new[] { 5, 25, 100 }, o.Deployment.CanarySteps);
        Assert.Equal(2.5, o.Deployment.CanaryMaxRegressionPct);
        Assert.Equal(50, o.Deployment.CanaryMinRows);
        Assert.Equal(4, o.Deployment.CanaryMinUnits);
        Assert.Equal(0.5, o.Deployment.ApprovalExpiryDays);
        Assert.True(o.Deployment.RecordPredictions);
        Assert.Equal("data/train_FD001.txt", o.Data.Path); // relative paths stay as written
        Assert.Equal("RUL", o.Data.TargetColumn);
        Assert.Equal("ts", o.Data.TimestampColumn);
        Assert.Null(o.Data.GroupColumn);
        Assert.Equal(new[] { "s2", "s3" }, o.Data.FeatureColumns);
        Assert.Empty(o.Data.ExcludeColumns);
        Assert.Equal(TrainerKind.LightGbm, o.Training.Trainer);
        Assert.Equal(-7, o.Training.Seed);
        Assert.Equal(125.0, o.Training.RulCap);
        Assert.Equal(5, o.Training.WindowFeatures);
        Assert.Equal(50, o.Training.NumberOfTrees);
        Assert.Equal(2, o.Training.NumberOfLeaves);
        Assert.Equal(0.01, o.Training.LearningRate);
        Assert.Equal(1, o.Training.MinimumExampleCountPerLeaf);
        Assert.Equal("file:/var/lib/retrain", o.Store.Uri);
        Assert.Equal("artifacts", o.Store.Artifacts);
        Assert.True(o.Alerts.Enabled);
        Assert.Equal("https://hooks.example.com/retrain", o.Alerts.WebhookUrl);
        Assert.Equal(new[] { "drift" }, o.Alerts.On);
    }

    [Theory]
    [InlineData("fast_tree", TrainerKind.FastTree)]
    [InlineData("fasttree", TrainerKind.FastTree)]
    [InlineData("FastTree", TrainerKind.FastTree)]
    [InlineData("FAST_TREE", TrainerKind.FastTree)]
    [InlineData("light_gbm", TrainerKind.LightGbm)]
    [InlineData("lightgbm", TrainerKind.LightGbm)]
    [InlineData("LightGbm", TrainerKind.LightGbm)]
    [InlineData("fast_forest", TrainerKind.FastForest)]
    [InlineData("Sdca", TrainerKind.Sdca)]
    public void TrainerNames_AreCaseAndUnderscoreInsensitive(string text, TrainerKind expected)
    {
        var o = ConfigurationLoader.Parse($"training:\n  trainer: {text}\n", ConfigAssert.Source);
        Assert.Equal(expected, o.Training.Trainer);
    }

    [Theory]
    [InlineData("bonferroni", PValueCorrection.Bonferroni)]
    [InlineData("fdr_bh", PValueCorrection.FdrBh)]
    [InlineData("FdrBh", PValueCorrection.FdrBh)]
    [InlineData("'none'", PValueCorrection.None)]
    public void CorrectionNames_AreCaseAndUnderscoreInsensitive(string text, PValueCorrection expected)
    {
        var o = ConfigurationLoader.Parse($"drift_detection:\n  correction: {text}\n", ConfigAssert.Source);
        Assert.Equal(expected, o.DriftDetection.Correction);
    }

    [Fact]
    public void AnchorsAndAliases_AreFollowed()
    {
        var o = ConfigurationLoader.Parse("drift_detection:\n  window_size_days: &w 21\npipeline:\n  training_window_days: *w\n", ConfigAssert.Source);
        Assert.Equal(21, o.Pipeline.TrainingWindowDays);
    }

    // ---- errors: every one names the source, the dotted key and the line ----

    [Fact]
    public void Message_HasTheDocumentedShape()
    {
        var e = ConfigAssert.Fails("# comment\ndrift_detection:\n  data_drift_threshold: 1.5\n",
            "drift_detection.data_drift_threshold", 3, "ConfigOutOfRange");
        Assert.Equal("test.yaml line 3: drift_detection.data_drift_threshold = 1.5 is outside (0, 1).", e.Message);
        Assert.Equal("drift_detection.data_drift_threshold", e.Target);
    }

    [Fact]
    public void UnknownKey_SuggestsTheClosestKey()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  window_size_days: 3\n  min_sample: 5\n",
            "drift_detection.min_sample", 3, "ConfigUnknownKey");
        Assert.Contains("did you mean 'min_samples'?", e.Message);
    }

    [Fact]
    public void UnknownSection_SuggestsTheClosestSection()
    {
        var e = ConfigAssert.Fails("pipeline:\n  auto_deploy: true\ndrift_detecton:\n  min_samples: 5\n",
            "drift_detecton", 3, "ConfigUnknownKey");
        Assert.Contains("did you mean 'drift_detection'?", e.Message);
    }

    [Fact]
    public void UnknownKey_WithTheWrongCase_SuggestsTheSnakeCaseKey()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  MinSamples: 5\n", "drift_detection.MinSamples", 2, "ConfigUnknownKey");
        Assert.Contains("did you mean 'min_samples'?", e.Message);
    }

    [Fact]
    public void KeyInTheWrongSection_SuggestsItsSection()
    {
        var e = ConfigAssert.Fails("model_comparison:\n  psi_bins: 5\n", "model_comparison.psi_bins", 2, "ConfigUnknownKey");
        Assert.Contains("did you mean 'drift_detection.psi_bins'?", e.Message);
    }

    [Fact]
    public void UnknownKey_FarFromAnyKey_ListsTheKnownKeys()
    {
        var e = ConfigAssert.Fails("store:\n  bucket: x\n", "store.bucket", 2, "ConfigUnknownKey");
        Assert.DoesNotContain("did you mean", e.Message);
        Assert.Contains("uri, artifacts", e.Message);
    }

    [Fact]
    public void SourcePath_IsNotAKey()
    {
        ConfigAssert.Fails("source_path: x\n", "source_path", 1, "ConfigUnknownKey");
    }

    [Fact]
    public void WrongType_TextWhereANumberGoes()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  data_drift_threshold: 0.05\n  min_samples: lots\n",
            "drift_detection.min_samples", 3, "ConfigWrongType");
        Assert.Contains("'lots' is not a whole number", e.Message);
    }

    [Fact]
    public void WrongType_FractionWhereAWholeNumberGoes()
    {
        var e = ConfigAssert.Fails("training:\n  number_of_trees: 2.5\n", "training.number_of_trees", 2, "ConfigWrongType");
        Assert.Contains("whole number", e.Message);
    }

    [Fact]
    public void WrongType_TextWhereADecimalGoes()
    {
        ConfigAssert.Fails("training:\n  learning_rate: fast\n", "training.learning_rate", 2, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_NotANumberIsRejected()
    {
        ConfigAssert.Fails("training:\n  learning_rate: NaN\n", "training.learning_rate", 2, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_FlowListWhereAScalarGoes()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  data_drift_threshold: [0.05, 0.1]\n",
            "drift_detection.data_drift_threshold", 2, "ConfigWrongType");
        Assert.Contains("found a list", e.Message);
    }

    [Fact]
    public void WrongType_BlockListWhereAScalarGoes_BlamesTheKeyLine()
    {
        ConfigAssert.Fails("deployment:\n  model_name:\n    - a\n    - b\n", "deployment.model_name", 2, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_MappingWhereAScalarGoes()
    {
        var e = ConfigAssert.Fails("pipeline:\n  auto_deploy:\n    value: true\n", "pipeline.auto_deploy", 2, "ConfigWrongType");
        Assert.Contains("found a mapping", e.Message);
    }

    [Fact]
    public void WrongType_NotABoolean()
    {
        var e = ConfigAssert.Fails("pipeline:\n  auto_deploy: yes\n", "pipeline.auto_deploy", 2, "ConfigWrongType");
        Assert.Contains("true or false", e.Message);
        var record = ConfigAssert.Fails("deployment:\n  record_predictions: 1\n", "deployment.record_predictions", 2, "ConfigWrongType");
        Assert.Contains("true or false", record.Message);
    }

    [Fact]
    public void WrongType_ScalarWhereASectionGoes()
    {
        ConfigAssert.Fails("pipeline: 5\n", "pipeline", 1, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_ScalarWhereAListGoes()
    {
        ConfigAssert.Fails("data:\n  feature_columns: s2\n", "data.feature_columns", 2, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_ListItemThatIsNotText_NamesTheItem()
    {
        ConfigAssert.Fails("data:\n  feature_columns:\n    - s2\n    - [s3, s4]\n", "data.feature_columns[1]", 4, "ConfigWrongType");
    }

    [Fact]
    public void WrongType_DocumentThatIsNotAMapping()
    {
        ConfigAssert.Fails("\n- pipeline\n", null, 2, "ConfigWrongType");
    }

    [Fact]
    public void NullForARequiredValue_IsAnError()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  min_samples:\n", "drift_detection.min_samples", 2, "ConfigMissingValue");
        Assert.Contains("leave the key out", e.Message);
    }

    [Fact]
    public void NullForAnOptionalValue_UnsetsIt()
    {
        var o = ConfigurationLoader.Parse("data:\n  group_column: ~\ntraining:\n  rul_cap: null\n", ConfigAssert.Source);
        Assert.Null(o.Data.GroupColumn);
        Assert.Null(o.Training.RulCap);
    }

    [Theory]
    [InlineData("drift_detection", "correction", "holm", "bonferroni, fdr_bh, none")]
    [InlineData("model_comparison", "primary_metric", "accuracy", "mae, rmse, r2, mape")]
    [InlineData("deployment", "strategy", "blue_green", "direct, shadow, canary")]
    [InlineData("training", "trainer", "xgboost", "fast_tree, light_gbm, fast_forest, sdca")]
    [InlineData("training", "trainer", "1", "fast_tree, light_gbm, fast_forest, sdca")]
    public void InvalidEnumValue_ListsTheAllowedValues(string section, string key, string value, string allowed)
    {
        var e = ConfigAssert.Fails($"{section}:\n\n  {key}: {value}\n", $"{section}.{key}", 3, "ConfigInvalidValue");
        Assert.Contains(allowed, e.Message);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Fact]
    public void DuplicateKey_NamesBothLines()
    {
        var e = ConfigAssert.Fails("drift_detection:\n  min_samples: 5\n  psi_bins: 4\n  min_samples: 6\n",
            "drift_detection.min_samples", 4, "ConfigDuplicateKey");
        Assert.Contains("first set on line 2", e.Message);
    }

    [Fact]
    public void DuplicateSection_IsAnError()
    {
        ConfigAssert.Fails("pipeline:\n  auto_deploy: true\n\npipeline:\n  require_approval: false\n", "pipeline", 4, "ConfigDuplicateKey");
    }

    [Theory]
    [InlineData("pipeline", "training_window_days", "0", "must be greater than 0")]
    [InlineData("drift_detection", "data_drift_threshold", "1.5", "is outside (0, 1)")]
    [InlineData("drift_detection", "data_drift_threshold", "0", "is outside (0, 1)")]
    [InlineData("drift_detection", "data_drift_threshold", "1", "is outside (0, 1)")]
    [InlineData("drift_detection", "concept_drift_threshold", "0", "must be greater than 0")]
    [InlineData("drift_detection", "concept_drift_threshold", "-0.1", "must be greater than 0")]
    [InlineData("drift_detection", "window_size_days", "0", "must be greater than 0")]
    [InlineData("drift_detection", "min_samples", "-1", "must be greater than 0")]
    [InlineData("drift_detection", "min_statistic", "-0.01", "is outside [0, 1]")]
    [InlineData("drift_detection", "min_statistic", "1.01", "is outside [0, 1]")]
    [InlineData("drift_detection", "psi_bins", "1", "must be at least 2")]
    [InlineData("drift_detection", "permutations", "18", "must be at least 19 (fewer cannot give a p below 0.05)")]
    [InlineData("model_comparison", "min_improvement_pct", "-1", "must be 0 or more")]
    [InlineData("model_comparison", "test_size", "1", "is outside (0, 1)")]
    [InlineData("model_comparison", "test_size", "0", "is outside (0, 1)")]
    [InlineData("model_comparison", "significance_level", "1.2", "is outside (0, 1)")]
    [InlineData("model_comparison", "bootstrap_resamples", "0", "must be greater than 0")]
    [InlineData("model_comparison", "min_segment_rows", "0", "must be greater than 0")]
    [InlineData("model_comparison", "max_segment_regression_pct", "-5", "must be 0 or more")]
    [InlineData("model_comparison", "target_cap", "0", "must be greater than 0")]
    [InlineData("deployment", "canary_max_regression_pct", "-1", "must be 0 or more")]
    [InlineData("deployment", "canary_min_rows", "0", "must be greater than 0")]
    [InlineData("deployment", "canary_min_units", "0", "must be greater than 0")]
    [InlineData("deployment", "approval_expiry_days", "0", "is outside (0, 3650] (days)")]
    [InlineData("deployment", "approval_expiry_days", "3650.5", "is outside (0, 3650] (days)")]
    [InlineData("training", "learning_rate", "0", "must be greater than 0")]
    [InlineData("training", "number_of_trees", "0", "must be greater than 0")]
    [InlineData("training", "number_of_leaves", "1", "must be at least 2")]
    [InlineData("training", "rul_cap", "0", "must be greater than 0")]
    [InlineData("training", "window_features", "-1", "must be 0 or more")]
    [InlineData("training", "minimum_example_count_per_leaf", "0", "must be greater than 0")]
    [InlineData("store", "lock_timeout_seconds", "-1", "is outside 0..86400 (seconds)")]
    [InlineData("store", "lock_timeout_seconds", "86401", "is outside 0..86400 (seconds)")]
    public void OutOfRange_NamesKeyValueAndLine(string section, string key, string value, string rule)
    {
        string yaml = $"# settings\n{section}:\n  {key}: {value}\n";
        var e = ConfigAssert.Fails(yaml, $"{section}.{key}", 3, "ConfigOutOfRange");
        Assert.Contains($"{section}.{key} = {value} {rule}.", e.Message);
    }

    [Theory]
    [InlineData("drift_detection", "min_statistic", "0")]
    [InlineData("drift_detection", "min_statistic", "1")]
    [InlineData("drift_detection", "concept_drift_threshold", "3")]
    [InlineData("drift_detection", "psi_bins", "2")]
    [InlineData("drift_detection", "permutations", "19")]
    [InlineData("deployment", "canary_steps", "[1, 100]")]
    [InlineData("deployment", "canary_steps", "[1, 2, 99, 100]")]
    [InlineData("deployment", "canary_max_regression_pct", "0")]
    [InlineData("deployment", "approval_expiry_days", "0.001")]
    [InlineData("deployment", "approval_expiry_days", "3650")]
    [InlineData("model_comparison", "min_improvement_pct", "0")]
    [InlineData("training", "window_features", "0")]
    [InlineData("training", "number_of_leaves", "2")]
    [InlineData("store", "lock_timeout_seconds", "0")]
    [InlineData("store", "lock_timeout_seconds", "86400")]
    public void BoundaryValues_AreAccepted(string section, string key, string value)
    {
        ConfigurationLoader.Parse($"{section}:\n  {key}: {value}\n", ConfigAssert.Source);
    }

    [Theory]
    [InlineData("0 2 * *")]
    [InlineData("0 0 2 * * 0")]
    [InlineData("61 2 * * 0")]
    [InlineData("every sunday")]
    [InlineData("")]
    public void BadCron_IsAnError(string cron)
    {
        var e = ConfigAssert.Fails($"pipeline:\n  auto_deploy: false\n  schedule_cron: \"{cron}\"\n",
            "pipeline.schedule_cron", 3, "ConfigInvalidCron");
        Assert.Contains("cron", e.Message);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("'   '")]
    public void EmptyModelName_IsAnError(string value)
    {
        var e = ConfigAssert.Fails($"deployment:\n  model_name: {value}\n", "deployment.model_name", 2, "ConfigMissingValue");
        Assert.Contains("must not be empty", e.Message);
    }

    [Fact]
    public void NullModelName_IsAnError()
    {
        ConfigAssert.Fails("deployment:\n  model_name: ~\n", "deployment.model_name", 2, "ConfigMissingValue");
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("'my model'")]
    [InlineData("-pm")]
    [InlineData("a..b")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012")]
    public void UnsafeModelName_IsAnError(string value)
    {
        ConfigAssert.Fails($"deployment:\n  model_name: {value}\n", "deployment.model_name", 2, "ConfigInvalidValue");
    }

    [Fact]
    public void EmptyOptionalName_IsAnError()
    {
        ConfigAssert.Fails("model_comparison:\n  segment_column: ''\n", "model_comparison.segment_column", 2, "ConfigMissingValue");
    }

    [Fact]
    public void EmptyStoreUri_IsAnError()
    {
        ConfigAssert.Fails("store:\n  uri: ''\n", "store.uri", 2, "ConfigMissingValue");
    }

    [Fact]
    public void WebhookThatIsNotAUrl_IsAnError()
    {
        ConfigAssert.Fails("alerts:\n  enabled: true\n  webhook_url: hooks.example.com\n", "alerts.webhook_url", 3, "ConfigInvalidValue");
    }

    [Fact]
    public void SyntaxError_UsesYamlDotNetsLine()
    {
        var e = ConfigAssert.Fails("pipeline:\n  auto_deploy: true\n  schedule_cron: \"0 2 * * 0\n", null, 3, "ConfigSyntaxError");
        Assert.Contains("YAML syntax error", e.Message);
    }

    [Fact]
    public void SyntaxError_BadIndentation()
    {
        ConfigAssert.Fails("pipeline:\n  auto_deploy: true\n    require_approval: false\n", null, 3, "ConfigSyntaxError");
    }

    [Fact]
    public void SyntaxError_UnterminatedFlowListAtTheEnd_UsesYamlDotNetsLineAndNamesTheOpeningLine()
    {
        var e = ConfigAssert.Fails("data:\n  feature_columns: [s2, s3\n", null, 3, "ConfigSyntaxError");
        Assert.Contains("opened on line 2", e.Message);
    }

    [Fact]
    public void SyntaxError_UnterminatedFlowListBeforeMoreKeys_BlamesTheOpeningLine()
    {
        // YamlDotNet reports this one without a mark; the loader blames the line that opened the list.
        ConfigAssert.Fails("data:\n  feature_columns: [s2, s3\n  target_column: rul\n", null, 2, "ConfigSyntaxError");
    }

    [Fact]
    public void SyntaxError_UnknownAlias()
    {
        ConfigAssert.Fails("pipeline:\n  training_window_days: *nope\n", "pipeline.training_window_days", 2, "ConfigSyntaxError");
    }

    [Fact]
    public void SecondDocument_IsAnError()
    {
        ConfigAssert.Fails("pipeline:\n  auto_deploy: true\n---\npipeline:\n  auto_deploy: false\n", null, 3, "ConfigSyntaxError");
    }

    [Fact]
    public void Parse_WithoutSourceName_StillNamesTheSource()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse("pipeline:\n  x: 1\n", ""));
        Assert.StartsWith("configuration line 2: ", e.Message);
    }

    // ---- files ----

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"retrain-missing-{Guid.NewGuid():N}", "retrain_config.yaml");
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("ConfigFileNotFound", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.SourceName);
        Assert.Null(e.Line);
    }

    [Fact]
    public void Load_SetsSourcePathAndKeepsRelativePaths()
    {
        string dir = Directory.CreateTempSubdirectory("retrain-config-").FullName;
        try
        {
            string path = Path.Combine(dir, "retrain_config.yaml");
            File.WriteAllText(path, "data:\n  path: data/train.csv\n");
            var o = ConfigurationLoader.Load(path);
            Assert.Equal(path, o.SourcePath);
            Assert.Equal(dir, o.BaseDirectory);
            Assert.Equal("data/train.csv", o.Data.Path);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_ErrorsNameTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("retrain-config-").FullName;
        try
        {
            string path = Path.Combine(dir, "retrain_config.yaml");
            File.WriteAllText(path, "\uFEFFdrift_detection:\n  psi_bins: 1\n");
            var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(path));
            Assert.StartsWith($"{path} line 2: drift_detection.psi_bins = 1", e.Message);
            Assert.Equal(path, e.SourceName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("[10, 50]", "must end with 100")]
    [InlineData("[]", "must end with 100")]
    [InlineData("[100]", "has no canary step below 100")]
    [InlineData("[0, 100]", "deployment.canary_steps[0] = 0 is outside 1..100")]
    [InlineData("[50, 10, 100]", "must be strictly increasing: 10 follows 50")]
    [InlineData("[10, 10, 100]", "must be strictly increasing: 10 follows 10")]
    public void CanarySteps_OutOfRule_NamesTheKeyAndLine(string steps, string rule)
    {
        var e = ConfigAssert.Fails($"deployment:\n  canary_steps: {steps}\n", "deployment.canary_steps", 2, "ConfigOutOfRange");
        Assert.Contains(rule, e.Message);
    }

    [Fact]
    public void CanarySteps_NotWholeNumbers_IsAWrongTypeNamingTheItem()
    {
        var e = ConfigAssert.Fails("deployment:\n  canary_steps: [10, half, 100]\n", "deployment.canary_steps[1]", 2, "ConfigWrongType");
        Assert.Contains("is not a whole number", e.Message);
        ConfigAssert.Fails("deployment:\n  canary_steps: 10\n", "deployment.canary_steps", 2, "ConfigWrongType");
    }

    [Fact]
    public void CanaryTrafficPercent_WasReplaced_AndTheErrorNamesTheNewKey()
    {
        // A file written for the single-step canary must not be half obeyed: it fails naming what to write instead.
        var e = ConfigAssert.Fails("deployment:\n  strategy: canary\n  canary_traffic_percent: 10\n", "deployment.canary_traffic_percent", 3, "ConfigKeyReplaced");
        Assert.Contains("was replaced by deployment.canary_steps", e.Message);
        Assert.Contains("canary_steps: [10, 100]", e.Message);
    }

    [Fact]
    public void CanarySteps_Default_IsTenFiftyHundred()
    {
        var o = ConfigurationLoader.Parse("deployment:\n  strategy: canary\n", ConfigAssert.Source);
        Assert.Equal(new[] { 10, 50, 100 }, o.Deployment.CanarySteps);
        Assert.Equal(10.0, o.Deployment.CanaryMaxRegressionPct);
    }
}
