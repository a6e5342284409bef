using System.Globalization;
using System.Text.Json;
using Retrain.Engine.Tracking;
using Retrain.Engine.Registry;

namespace Retrain.Engine.Store.FileStore;

// Tracking: experiments, runs, params, tags, metrics.
public sealed partial class FileRetrainStore
{
    public Experiment GetOrCreateExperiment(string name)
    {
        StoreNames.ValidateExperimentName(name);
        ExperimentRecord? found = Read(() => LoadExperiments().Find(e => e.Name == name));
        return ToPublic(found ?? Mutate(() => GetOrCreateExperimentLocked(name)));
    }

    public IReadOnlyList<Experiment> ListExperiments() => Read(() => LoadExperiments().Select(ToPublic).ToList());

    public Run StartRun(string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        StoreNames.ValidateExperimentName(experimentName);
        if (runName is not null)
            StoreNames.ValidateRunName(runName);
        ValidateKeys(tags?.Keys, "Tag key");
        return Mutate(() =>
        {
            ExperimentRecord experiment = GetOrCreateExperimentLocked(experimentName);
            var run = new RunRecord
            {
                RunId = Guid.NewGuid().ToString("N"),
                ExperimentId = experiment.Id,
                RunName = runName,
                Status = RunStatus.Running,
                StartTime = DateTimeOffset.UtcNow,
                User = User,
                Machine = Machine,
                Owner = ProcessIdentity.Current,
                Tags = Copy(tags),
            };
            // The marker first: a crash in between leaves a marker the next writer drops, never a Running run no scan finds.
            WriteMarker(run.RunId, run.Owner);
            WriteJson(RunFile(run.RunId), run);
            return ToPublic(run, experiment.Name, new List<MetricRecord>());
        });
    }

    // The single calls are batches of one kind, so they keep exactly the batch's rules.

    public void LogParams(string runId, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var batch = new RunBatch();
        foreach (var (key, value) in parameters)
            batch.Params[key] = value;
        LogBatch(runId, batch);
    }

    public void LogMetrics(string runId, IEnumerable<MetricPoint> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var batch = new RunBatch();
        batch.Metrics.AddRange(metrics);
        if (batch.Metrics.Count > 0)
            LogBatch(runId, batch);
    }

    public void SetRunTags(string runId, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var batch = new RunBatch();
        foreach (var (key, value) in tags)
            batch.Tags[key] = value;
        LogBatch(runId, batch);
    }

    public Run EndRun(string runId, RunStatus status) => LogBatch(runId, new RunBatch { EndStatus = status });

    public Run LogBatch(string runId, RunBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        StoreNames.ValidateRunId(runId);
        ValidateKeys(batch.Params.Keys, "Parameter key");
        ValidateKeys(batch.Tags.Keys, "Tag key");
        if (batch.EndStatus is RunStatus end)
            ValidateEndStatus(runId, end);
        List<byte[]> lines = MetricLines(batch.Metrics);
        var staged = new List<(string Target, string Temp)>();
        try
        {
            // The slow copies happen outside the lock; under it, one pass publishes everything and run.json is written last.
            if (batch.Artifacts.Count > 0)
                Read(() => LoadRun(runId));
            foreach (var (path, content) in batch.Artifacts)
                staged.Add(StageArtifact(runId, path, content));
            return Mutate(() =>
            {
                RunRecord run = LoadRun(runId);
                MergeParams(run, batch.Params);
                MergeTags(run, batch.Tags);
                foreach (var (target, temp) in staged)
                    AtomicFile.Replace(temp, target);
                if (lines.Count > 0)
                    AppendLines(MetricsLog(runId), lines);
                if (batch.EndStatus is RunStatus status)
                    End(run, status);
                WriteJson(RunFile(runId), run);
                if (batch.EndStatus is not null)
                    RemoveMarker(runId);
                return ToPublic(run, ExperimentName(run), LoadMetrics(runId));
            });
        }
        finally
        {
            foreach (var (_, temp) in staged)
                AtomicFile.TryDelete(temp);
        }
    }

    private static void MergeParams(RunRecord run, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            ArgumentNullException.ThrowIfNull(value, $"parameters[{key}]");
            if (run.Params.TryGetValue(key, out string? existing) && existing != value)
                throw new StoreException("ParamAlreadyLogged", RetrainErrorKind.InvalidOperation,
                    $"Run '{run.RunId}' already has parameter '{key}' = '{existing}'; a parameter is logged once (tags can change).", $"runs:/{run.RunId}");
            run.Params[key] = value;
        }
    }

    private static void MergeTags(RunRecord run, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
            run.Tags[key] = value ?? throw new ArgumentNullException($"tags[{key}]");
    }

    private static List<byte[]> MetricLines(IEnumerable<MetricPoint> metrics)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return metrics.Select(m => new MetricRecord
        {
            Key = StoreNames.ValidateKey(m.Key, "Metric key"),
            Value = m.Value,
            Step = m.Step,
            Timestamp = m.Timestamp == default ? now : m.Timestamp,
        }).Select(m => JsonSerializer.SerializeToUtf8Bytes(m, StoreJson.Line)).ToList();
    }

    private static void ValidateEndStatus(string runId, RunStatus status)
    {
        if (status == RunStatus.Running || !Enum.IsDefined(status))
            throw StoreException.Invalid("InvalidRunStatus", $"A run ends as Finished, Failed or Killed, not {status}.", $"runs:/{runId}");
    }

    private static void End(RunRecord run, RunStatus status)
    {
        run.Status = status;
        run.EndTime = DateTimeOffset.UtcNow;
    }

    public Run DeleteRun(string runId)
    {
        StoreNames.ValidateRunId(runId);
        return Mutate(() =>
        {
            RunRecord run = LoadRun(runId);
            Run doomed = ToPublic(run, ExperimentName(run), LoadMetrics(runId));
            var backed = Registry().Models
                .SelectMany(m => m.LiveVersions.Where(v => v.RunId == runId).Select(m.ToPublic)).ToList();
            RegistryRules.CheckRunDeletable(runId, backed);
            // Artifacts kept apart (store.artifacts) first: a crash in between leaves a run without files, never files without a run.
            if (_artifactsRoot is not null)
                AtomicFile.DeleteFolder(ArtifactRoot(runId));
            AtomicFile.DeleteFolder(RunFolder(runId));
            RemoveMarker(runId);
            return doomed;
        });
    }

    public Run GetRun(string runId)
    {
        StoreNames.ValidateRunId(runId);
        return Read(() =>
        {
            RunRecord run = LoadRun(runId);
            return ToPublic(run, ExperimentName(run), LoadMetrics(runId));
        });
    }

    public IReadOnlyList<Run> SearchRuns(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MaxResults is < 0)
            throw StoreException.Invalid("InvalidMaxResults", $"MaxResults must be 0 or more, not {query.MaxResults}.", "MaxResults");
        return Read(() =>
        {
            List<ExperimentRecord> experiments = LoadExperiments();
            HashSet<string>? experimentIds = query.ExperimentNames is { Count: > 0 } names
                ? experiments.Where(e => names.Contains(e.Name)).Select(e => e.Id).ToHashSet()
                : null;
            var matches = new List<RunRecord>();
            if (Directory.Exists(_runsPath))
            {
                foreach (string folder in Directory.EnumerateDirectories(_runsPath))
                {
                    string runId = Path.GetFileName(folder);
                    if (!StoreNames.IsRunId(runId) || ReadJson<RunRecord>(RunFile(runId)) is not RunRecord run)
                        continue;
                    if (Matches(run, query, experimentIds))
                        matches.Add(run);
                }
            }
            var byId = experiments.ToDictionary(e => e.Id, e => e.Name);
            return matches
                .OrderByDescending(r => r.StartTime).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
                .Take(query.MaxResults ?? int.MaxValue)
                .Select(r => ToPublic(r, byId.GetValueOrDefault(r.ExperimentId, ""), LoadMetrics(r.RunId)))
                .ToList();
        });
    }

    public IReadOnlyList<MetricPoint> GetMetricHistory(string runId, string key)
    {
        StoreNames.ValidateRunId(runId);
        StoreNames.ValidateKey(key, "Metric key");
        return Read(() =>
        {
            LoadRun(runId);
            return Ordered(LoadMetrics(runId).Where(m => m.Key == key))
                .Select(m => new MetricPoint(m.Key, m.Value, m.Step, m.Timestamp)).ToList();
        });
    }

    private static bool Matches(RunRecord run, RunQuery query, HashSet<string>? experimentIds) =>
        (experimentIds is null || experimentIds.Contains(run.ExperimentId))
        && (query.Status is null || run.Status == query.Status)
        && (query.StartedAfter is null || run.StartTime >= query.StartedAfter)
        && (query.StartedBefore is null || run.StartTime < query.StartedBefore)
        && (query.Tags is null || query.Tags.All(t => run.Tags.TryGetValue(t.Key, out string? v) && v == t.Value));

    /// <summary>Metric points by step, then timestamp, then logging order (the sort is stable).</summary>
    private static IEnumerable<MetricRecord> Ordered(IEnumerable<MetricRecord> points) => points.OrderBy(m => m.Step).ThenBy(m => m.Timestamp);

    private ExperimentRecord GetOrCreateExperimentLocked(string name)
    {
        List<ExperimentRecord> experiments = LoadExperiments();
        ExperimentRecord? experiment = experiments.Find(e => e.Name == name);
        if (experiment is not null)
            return experiment;
        int next = experiments.Count == 0 ? 1 : experiments.Max(e => int.Parse(e.Id, CultureInfo.InvariantCulture)) + 1;
        experiment = new ExperimentRecord { Id = next.ToString(CultureInfo.InvariantCulture), Name = name, CreatedAt = DateTimeOffset.UtcNow };
        experiments.Add(experiment);
        WriteJson(_experimentsPath, experiments);
        return experiment;
    }

    private List<ExperimentRecord> LoadExperiments() => ReadJson<List<ExperimentRecord>>(_experimentsPath) ?? new();

    private string ExperimentName(RunRecord run) => LoadExperiments().Find(e => e.Id == run.ExperimentId)?.Name ?? "";

    private string RunFolder(string runId) => Path.Combine(_runsPath, StoreNames.ValidateRunId(runId));

    private string RunFile(string runId) => Path.Combine(RunFolder(runId), "run.json");

    private JsonLinesLog MetricsLog(string runId) => new(Path.Combine(RunFolder(runId), "metrics.jsonl"));

    private RunRecord LoadRun(string runId) => ReadJson<RunRecord>(RunFile(runId)) ?? throw StoreException.RunNotFound(runId);

    private List<MetricRecord> LoadMetrics(string runId)
    {
        JsonLinesLog log = MetricsLog(runId);
        JsonLinesLog.Chunk chunk = log.ReadAfter(JsonLinesLog.Cursor.Start, 0);
        if (chunk.TornTail)
            HandleTornTail(log);
        return chunk.Lines.Select(l => ParseLine<MetricRecord>(log, l.LineNumber, l.Bytes)).ToList();
    }

    private static Experiment ToPublic(ExperimentRecord e) => new() { ExperimentId = e.Id, Name = e.Name, CreatedAt = e.CreatedAt };

    private static Run ToPublic(RunRecord r, string experimentName, List<MetricRecord> metrics)
    {
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (MetricRecord m in Ordered(metrics))
            latest[m.Key] = m.Value;
        return new Run
        {
            RunId = r.RunId,
            ExperimentId = r.ExperimentId,
            ExperimentName = experimentName,
            RunName = r.RunName,
            Status = r.Status,
            StartTime = r.StartTime,
            EndTime = r.EndTime,
            User = r.User,
            Machine = r.Machine,
            Params = new Dictionary<string, string>(r.Params, StringComparer.Ordinal),
            Tags = new Dictionary<string, string>(r.Tags, StringComparer.Ordinal),
            Metrics = latest,
        };
    }

    private static void ValidateKeys(IEnumerable<string>? keys, string what)
    {
        foreach (string key in keys ?? Enumerable.Empty<string>())
            StoreNames.ValidateKey(key, what);
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? values)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
            copy[key] = value ?? throw new ArgumentNullException($"[{key}]");
        return copy;
    }
}
