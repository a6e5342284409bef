using Retrain.Engine.Evaluation;
using Retrain.Engine.Store;

namespace Retrain.Engine.Deployment;

/// <summary>
/// What a logged prediction and an outcome that arrived later share: the equipment and its time (the row's timestamp
/// when the data has one, else its cycle). Timestamps compare as instants, whatever their offset.
/// </summary>
public readonly record struct PredictionKey(string EquipmentId, DateTimeOffset? Timestamp, double? Cycle)
{
    public static PredictionKey Of(PredictionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new PredictionKey(entry.EquipmentId, entry.Timestamp?.ToUniversalTime(), entry.Timestamp is null ? entry.Cycle : null);
    }

    public override string ToString() => $"{EquipmentId} at {(Timestamp is { } t ? t.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : $"cycle {Cycle?.ToString(System.Globalization.CultureInfo.InvariantCulture)}")}";
}

/// <summary>
/// Outcomes joined to the prediction log: for each outcome row, the predictions of two deployed versions from one
/// scoring batch in which both scored that equipment at that time (a shadow comparison: Production and its shadow),
/// so the two are compared on exactly the rows both scored. Canary gates join the same entries with their own filters.
/// </summary>
public static class PredictionJoin
{
    /// <summary>
    /// Pairs each of <paramref name="outcomes"/> with the champion's and challenger's predictions (the entries
    /// <paramref name="champion"/> and <paramref name="challenger"/> select) from the latest batch holding both for its key.
    /// </summary>
    public static JoinedPredictions Pair(IReadOnlyList<PredictionEntry> entries, IReadOnlyList<PredictionKey> outcomes,
        Func<PredictionEntry, bool> champion, Func<PredictionEntry, bool> challenger)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        var byKey = new Dictionary<PredictionKey, List<PredictionEntry>>();
        foreach (PredictionEntry e in entries)
        {
            var key = PredictionKey.Of(e);
            if (!byKey.TryGetValue(key, out var list))
                byKey[key] = list = new List<PredictionEntry>(2);
            list.Add(e);
        }

        var rows = new List<int>();
        var championPredictions = new List<double>();
        var challengerPredictions = new List<double>();
        var batches = new HashSet<string>(StringComparer.Ordinal);
        int without = 0, byOne = 0;
        DateTimeOffset? first = null, last = null;
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (!byKey.TryGetValue(outcomes[i], out var logged))
            {
                without++;
                continue;
            }
            // Entries are in logging order: the last batch that holds both is the latest one.
            (PredictionEntry A, PredictionEntry B)? pair = null;
            foreach (var batch in logged.GroupBy(e => e.BatchId).Reverse())
            {
                PredictionEntry? a = batch.LastOrDefault(champion), b = batch.LastOrDefault(challenger);
                if (a is not null && b is not null)
                {
                    pair = (a, b);
                    break;
                }
            }
            if (pair is not { } p)
            {
                byOne++;
                continue;
            }
            rows.Add(i);
            championPredictions.Add(p.A.Prediction);
            challengerPredictions.Add(p.B.Prediction);
            batches.Add(p.A.BatchId);
            first = first is null || p.A.LoggedAt < first ? p.A.LoggedAt : first;
            last = last is null || p.A.LoggedAt > last ? p.A.LoggedAt : last;
        }
        return new JoinedPredictions
        {
            Rows = rows.ToArray(),
            Champion = championPredictions.ToArray(),
            Challenger = challengerPredictions.ToArray(),
            Summary = new PredictionJoinSummary
            {
                OutcomeRows = outcomes.Count,
                JoinedRows = rows.Count,
                WithoutPrediction = without,
                NotScoredByBoth = byOne,
                Batches = batches.Count,
                FirstLogged = first,
                LastLogged = last,
            },
        };
    }
}

/// <summary>The joined rows: indices into the outcomes, and both versions' predictions for each, in outcome order.</summary>
public sealed class JoinedPredictions
{
    public required int[] Rows { get; init; }
    public required double[] Champion { get; init; }
    public required double[] Challenger { get; init; }
    public required PredictionJoinSummary Summary { get; init; }
}
