using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Retrain.Engine.Store.FileStore;

// The prediction log: predictions/<model key>/<yyyy-MM>.jsonl, one JSON object per logged prediction, append-only.
// The model key is a hash of the name (names never become paths); a segment per month of logging keeps a read of a
// period from touching the years before it.
public sealed partial class FileRetrainStore
{
    /// <summary>The newest prediction line format this Retrain reads.</summary>
    internal const int PredictionFormat = 1;

    private const string SegmentPattern = "yyyy-MM";

    public PredictionBatch AppendPredictions(string modelName, IReadOnlyList<PredictionRow> rows)
    {
        StoreNames.ValidateModelName(modelName);
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < rows.Count; i++)
            CheckRow(modelName, rows[i], i + 1);
        var (loggedAt, _, _) = RegistryRules.Stamp();
        string batchId = Guid.NewGuid().ToString("N");
        var lines = rows.Select(r => JsonSerializer.SerializeToUtf8Bytes(new PredictionRecord
        {
            Format = PredictionFormat,
            Model = modelName,
            Version = r.Version,
            Role = r.Role,
            EquipmentId = r.EquipmentId,
            Timestamp = r.Timestamp?.ToUniversalTime(),
            Cycle = r.Cycle,
            Prediction = r.Prediction,
            BatchId = batchId,
            LoggedAt = loggedAt,
        }, StoreJson.Line)).ToList();
        return Mutate(() =>
        {
            // Only registered versions are logged, so every entry names a version whose files are known.
            ModelState model = ModelOf(modelName);
            foreach (int version in rows.Select(r => r.Version).Distinct())
                if (model.Get(version) is null)
                    throw StoreException.VersionNotFound(modelName, version);
            if (lines.Count > 0)
                AppendLines(Segment(modelName, loggedAt), lines);
            return new PredictionBatch(modelName, batchId, loggedAt, lines.Count);
        });
    }

    public IReadOnlyList<PredictionEntry> ReadPredictions(PredictionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        StoreNames.ValidateModelName(query.ModelName);
        if (query.MaxEntries < 1)
            throw StoreException.Invalid("InvalidMaxEntries", $"A read of the prediction log returns at least 1 entry, not {query.MaxEntries}.", "MaxEntries");
        return Read(() =>
        {
            var entries = new List<PredictionEntry>();
            // One string per distinct id and batch, not one per line: a long log repeats them.
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonLinesLog segment in Segments(query))
            {
                bool torn = segment.ForEachLine((lineNumber, bytes) =>
                {
                    PredictionRecord r = ParseLine<PredictionRecord>(segment.Path, lineNumber, bytes.ToArray());
                    CheckReadable(r, segment.Path, lineNumber);
                    if (r.Model != query.ModelName || r.LoggedAt < query.LoggedAfter || r.LoggedAt >= query.LoggedBefore)
                        return;
                    if (entries.Count == query.MaxEntries)
                        throw new StoreException("PredictionLogTooLarge", RetrainErrorKind.ResourceUnavailable,
                            $"The prediction log of model '{query.ModelName}' holds more than {query.MaxEntries:N0} entries{Period(query)}; " +
                            "read a shorter period (-After and -Before).", $"models:/{query.ModelName}");
                    entries.Add(new PredictionEntry
                    {
                        ModelName = query.ModelName,
                        Version = r.Version,
                        Role = r.Role,
                        EquipmentId = Interned(strings, r.EquipmentId),
                        Timestamp = r.Timestamp,
                        Cycle = r.Cycle,
                        Prediction = r.Prediction,
                        BatchId = Interned(strings, r.BatchId),
                        LoggedAt = r.LoggedAt,
                    });
                });
                if (torn)
                    HandleTornTail(segment);
            }
            return entries;
        });
    }

    /// <summary>The folder of a model's log: a hash of its name, so no name a user gives becomes a path.</summary>
    internal string PredictionFolder(string modelName) => Path.Combine(_root, "predictions",
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(modelName)))[..32].ToLowerInvariant());

    private JsonLinesLog Segment(string modelName, DateTimeOffset loggedAt) =>
        new(Path.Combine(PredictionFolder(modelName), loggedAt.UtcDateTime.ToString(SegmentPattern, CultureInfo.InvariantCulture) + ".jsonl"));

    /// <summary>The month segments that can hold entries of the query's period, oldest first.</summary>
    private IEnumerable<JsonLinesLog> Segments(PredictionQuery query)
    {
        string folder = PredictionFolder(query.ModelName);
        if (!Directory.Exists(folder))
            return Array.Empty<JsonLinesLog>();
        DateTime? first = query.LoggedAfter is { } a ? new DateTime(a.UtcDateTime.Year, a.UtcDateTime.Month, 1) : null;
        return Directory.EnumerateFiles(folder, "*.jsonl")
            .Select(f => (Path: f, Ok: DateTime.TryParseExact(Path.GetFileNameWithoutExtension(f), SegmentPattern, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime month), Month: month))
            .Where(s => s.Ok && !AtomicFile.IsTempFile(Path.GetFileName(s.Path)))
            .Where(s => (first is null || s.Month >= first) && (query.LoggedBefore is null || s.Month < query.LoggedBefore.Value.UtcDateTime))
            .OrderBy(s => s.Month)
            .Select(s => new JsonLinesLog(s.Path))
            .ToList();
    }

    private static void CheckRow(string modelName, PredictionRow row, int index)
    {
        ArgumentNullException.ThrowIfNull(row);
        string where = $"Prediction {index} of model '{modelName}'";
        string? problem = row switch
        {
            { Version: < 1 } => $"names version {row.Version}",
            _ when !Enum.IsDefined(row.Role) => $"has the unknown role {(long)row.Role}",
            _ when string.IsNullOrEmpty(row.EquipmentId) || row.EquipmentId.Any(char.IsControl) => "has no equipment id (or one with control characters)",
            { Timestamp: null, Cycle: null } => $"for '{row.EquipmentId}' has no time: give the timestamp or the cycle",
            { Cycle: double c } when !double.IsFinite(c) => $"for '{row.EquipmentId}' has the cycle {c}",
            _ when !double.IsFinite(row.Prediction) => $"for '{row.EquipmentId}' is {row.Prediction}, not a finite number",
            _ => null,
        };
        if (problem is not null)
            throw StoreException.Invalid("InvalidPrediction", $"{where} {problem}; nothing was logged.", $"models:/{modelName}/{row.Version}");
    }

    private static void CheckReadable(PredictionRecord r, string path, long lineNumber)
    {
        if ((r.Format ?? 1) > PredictionFormat)
            throw new StoreException("StoreFormatTooNew", RetrainErrorKind.InvalidOperation,
                $"This store was written by a newer Retrain (format {r.Format}); upgrade the module. (line {lineNumber} of '{path}' uses prediction format {r.Format}; this module reads format {PredictionFormat}.)",
                path);
        if (r.Version < 1 || string.IsNullOrEmpty(r.EquipmentId) || string.IsNullOrEmpty(r.BatchId) || !Enum.IsDefined(r.Role) || (r.Timestamp is null && r.Cycle is null))
            throw Corrupt(path, $"line {lineNumber} is not a logged prediction (version, role, equipment id, time and batch are required)");
    }

    private static string Interned(Dictionary<string, string> strings, string value)
    {
        if (strings.TryGetValue(value, out string? seen))
            return seen;
        strings[value] = value;
        return value;
    }

    private static string Period(PredictionQuery query) => (query.LoggedAfter, query.LoggedBefore) switch
    {
        (null, null) => "",
        ({ } a, null) => $" logged from {a:u}",
        (null, { } b) => $" logged before {b:u}",
        ({ } a, { } b) => $" logged from {a:u} to {b:u}",
    };
}
