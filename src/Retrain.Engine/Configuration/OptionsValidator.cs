using System.Globalization;
using Cronos;
using Retrain.Engine.Alerts;
using Retrain.Engine.Store;

namespace Retrain.Engine.Configuration;

/// <summary>
/// The range and consistency rules of <see cref="RetrainOptions"/>, checked once at load. Each failure
/// names the dotted key and, when the file set it, its line; values read from <c>env:NAME</c> are named,
/// not printed.
/// </summary>
internal sealed class OptionsValidator
{
    /// <summary>A day: longer is a hung holder, not a busy one.</summary>
    private const double MaxLockTimeoutSeconds = 86400;

    /// <summary>Ten years: a request nobody decides in that time is abandoned, and the expiry date stays representable.</summary>
    private const double MaxApprovalExpiryDays = 3650;

    /// <summary>Shortest webhook timeout: below it no real endpoint answers, and the attempt timeout needs 10 ms or more.</summary>
    private const double MinAlertTimeoutSeconds = 0.1;

    /// <summary>Five minutes: an alert stalls the run that sends it by at most this.</summary>
    private const double MaxAlertTimeoutSeconds = 300;

    private const int MaxAlertRetries = 10;

    private const double MaxAlertRetryDelaySeconds = 60;
    /// <summary>Ten years, for the pipeline's day counts (cooldown, rollback window): longer is a mistake, and dates stay representable.</summary>
    private const double MaxDays = 3650;

    private readonly string _source;
    private readonly KeyLocations _locations;

    private OptionsValidator(string source, KeyLocations locations)
    {
        _source = source;
        _locations = locations;
    }

    public static void Validate(RetrainOptions options, string source, KeyLocations locations) =>
        new OptionsValidator(source, locations).Run(options);

    private void Run(RetrainOptions o)
    {
        var p = o.Pipeline;
        Cron("pipeline.schedule_cron", p.ScheduleCron);
        Positive("pipeline.training_window_days", p.TrainingWindowDays);
        Check("pipeline.cooldown_days", p.CooldownDays, p.CooldownDays is >= 0 and <= MaxDays, $"is outside 0..{MaxDays} (days)");

        var d = o.DriftDetection;
        OpenUnit("drift_detection.data_drift_threshold", d.DataDriftThreshold);
        Positive("drift_detection.concept_drift_threshold", d.ConceptDriftThreshold);
        Positive("drift_detection.window_size_days", d.WindowSizeDays);
        Positive("drift_detection.min_samples", d.MinSamples);
        Check("drift_detection.min_statistic", d.MinStatistic, d.MinStatistic is >= 0 and <= 1, "is outside [0, 1]");
        Check("drift_detection.psi_bins", d.PsiBins, d.PsiBins >= 2, "must be at least 2");
        Check("drift_detection.consecutive_windows", d.ConsecutiveWindows, d.ConsecutiveWindows is >= 1 and <= 1000, "is outside 1..1000");
        Check("drift_detection.permutations", d.Permutations, d.Permutations >= 19, "must be at least 19 (fewer cannot give a p below 0.05)");

        var m = o.ModelComparison;
        NotNegative("model_comparison.min_improvement_pct", m.MinImprovementPct);
        OpenUnit("model_comparison.test_size", m.TestSize);
        OpenUnit("model_comparison.significance_level", m.SignificanceLevel);
        Positive("model_comparison.bootstrap_resamples", m.BootstrapResamples);
        OptionalName("model_comparison.segment_column", m.SegmentColumn);
        Positive("model_comparison.min_segment_rows", m.MinSegmentRows);
        NotNegative("model_comparison.max_segment_regression_pct", m.MaxSegmentRegressionPct);
        if (m.TargetCap is double targetCap)
            Positive("model_comparison.target_cap", targetCap);

        var dep = o.Deployment;
        ModelName("deployment.model_name", dep.ModelName);
        CanarySteps("deployment.canary_steps", dep.CanarySteps);
        NotNegative("deployment.canary_max_regression_pct", dep.CanaryMaxRegressionPct);
        Positive("deployment.canary_min_rows", dep.CanaryMinRows);
        Positive("deployment.canary_min_units", dep.CanaryMinUnits);
        Check("deployment.approval_expiry_days", dep.ApprovalExpiryDays, dep.ApprovalExpiryDays is > 0 and <= MaxApprovalExpiryDays,
            $"is outside (0, {MaxApprovalExpiryDays}] (days)");
        Check("deployment.rollback_window_days", dep.RollbackWindowDays, dep.RollbackWindowDays is >= 0 and <= MaxDays, $"is outside 0..{MaxDays} (days)");
        NotNegative("deployment.rollback_regression_pct", dep.RollbackRegressionPct);

        var data = o.Data;
        OptionalName("data.path", data.Path);
        Required("data.target_column", data.TargetColumn);
        OptionalName("data.timestamp_column", data.TimestampColumn);
        OptionalName("data.group_column", data.GroupColumn);
        Names("data.feature_columns", data.FeatureColumns);
        Names("data.exclude_columns", data.ExcludeColumns);
        Positive(Data.DataLimits.MaxRowsKey, data.MaxRows);
        Positive(Data.DataLimits.MaxBytesKey, data.MaxBytes);

        var t = o.Training;
        if (t.RulCap is double cap)
            Positive("training.rul_cap", cap);
        NotNegative("training.window_features", t.WindowFeatures);
        Positive("training.number_of_trees", t.NumberOfTrees);
        Check("training.number_of_leaves", t.NumberOfLeaves, t.NumberOfLeaves >= 2, "must be at least 2");
        Positive("training.learning_rate", t.LearningRate);
        Positive("training.minimum_example_count_per_leaf", t.MinimumExampleCountPerLeaf);

        Required("store.uri", o.Store.Uri);
        OptionalName("store.artifacts", o.Store.Artifacts);
        Check("store.lock_timeout_seconds", o.Store.LockTimeoutSeconds, o.Store.LockTimeoutSeconds is >= 0 and <= MaxLockTimeoutSeconds,
            $"is outside 0..{MaxLockTimeoutSeconds} (seconds)");

        var a = o.Alerts;
        if (a.WebhookUrl is not null
            && !(Uri.TryCreate(a.WebhookUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            throw Fail("alerts.webhook_url", $"{Show("alerts.webhook_url", a.WebhookUrl)} is not an absolute http(s) URL.", "ConfigInvalidValue");
        Names("alerts.on", a.On);
        for (int i = 0; i < a.On.Count; i++)
        {
            string itemKey = $"alerts.on[{i}]";
            if (!AlertEvents.TryExpand(a.On[i], out _))
                throw Fail(itemKey, $"{Show(itemKey, a.On[i])} is not an alert event; allowed: {AlertEvents.AllowedNames}.", "ConfigInvalidValue");
        }
        OptionalName("alerts.log_path", a.LogPath);
        Check("alerts.timeout_seconds", a.TimeoutSeconds, a.TimeoutSeconds is >= MinAlertTimeoutSeconds and <= MaxAlertTimeoutSeconds,
            $"is outside {MinAlertTimeoutSeconds}..{MaxAlertTimeoutSeconds} (seconds)");
        Check("alerts.retries", a.Retries, a.Retries is >= 0 and <= MaxAlertRetries, $"is outside 0..{MaxAlertRetries}");
        Check("alerts.retry_delay_seconds", a.RetryDelaySeconds, a.RetryDelaySeconds is >= 0 and <= MaxAlertRetryDelaySeconds,
            $"is outside 0..{MaxAlertRetryDelaySeconds} (seconds)");
    }

    private void Cron(string key, string expression)
    {
        try
        {
            CronExpression.Parse(expression, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw Fail(key, $"{Show(key, expression)} is not a valid cron expression " +
                $"(5 fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * 0\"): {e.Message}", "ConfigInvalidCron", e);
        }
    }

    private void ModelName(string key, string name)
    {
        Required(key, name);
        // The store's rule, so a configured name is one the registry accepts.
        if (!StoreNames.IsModelName(name))
            throw Fail(key, $"{Show(key, name)} is not a valid model name: {StoreNames.ModelNameRule}.", "ConfigInvalidValue");
    }

    private void Required(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Fail(key, $"{key} must not be empty.", "ConfigMissingValue");
    }

    /// <summary>An optional name: null (unset) is fine, an empty string is a mistake.</summary>
    private void OptionalName(string key, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            throw Fail(key, $"{key} is empty; leave it out (or write ~) to unset it.", "ConfigMissingValue");
    }

    private void Names(string key, List<string> values)
    {
        if (values.FindIndex(string.IsNullOrWhiteSpace) is int i and >= 0)
            throw Fail(key, $"{key}[{i}] is empty.", "ConfigMissingValue");
    }

    private void CanarySteps(string key, List<int> steps)
    {
        string shown = $"[{string.Join(", ", steps)}]";
        if (steps.Count == 0 || steps[^1] != 100)
            throw Fail(key, $"{key} = {shown} must end with 100 (the step that promotes the canary), e.g. [10, 50, 100].");
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] is < 1 or > 100)
                throw Fail(key, $"{key}[{i}] = {steps[i]} is outside 1..100 (percent of the rows).");
            if (i > 0 && steps[i] <= steps[i - 1])
                throw Fail(key, $"{key} = {shown} must be strictly increasing: {steps[i]} follows {steps[i - 1]}.");
        }
        if (steps.Count < 2)
            throw Fail(key, $"{key} = {shown} has no canary step below 100: publish with -Strategy Direct instead, or give e.g. [10, 100].");
    }

    private void OpenUnit(string key, double value) => Check(key, value, value is > 0 and < 1, "is outside (0, 1)");

    private void Positive(string key, double value) => Check(key, value, value > 0, "must be greater than 0");

    private void NotNegative(string key, double value) => Check(key, value, value >= 0, "must be 0 or more");

    private void Check(string key, double value, bool ok, string rule)
    {
        if (!ok)
            throw Fail(key, $"{key} = {value.ToString(CultureInfo.InvariantCulture)} {rule}.");
    }

    /// <summary>A text value as a message shows it: quoted, or by its variable name when it came from the environment.</summary>
    private string Show(string key, string value) =>
        _locations.EnvironmentVariableOf(key) is string variable ? $"{key} (from env:{variable})" : $"{key} = '{value}'";

    private ConfigurationException Fail(string key, string detail, string errorId = "ConfigOutOfRange", Exception? inner = null) =>
        ConfigurationException.At(errorId, _source, key, _locations.LineOf(key), detail, inner: inner);
}
