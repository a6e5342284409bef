namespace Retrain.Engine.Store;

/// <summary>
/// The prediction log seam: what a deployed model predicted for which equipment at which time, so outcomes that arrive
/// later can be joined to it (a shadow comparison, a canary gate). Append-only; a batch is one write under the store's
/// lock; reads are bounded (<see cref="PredictionQuery.MaxEntries"/>) and never see half a line.
/// </summary>
public interface IPredictionLog
{
    /// <summary>
    /// Appends one scoring batch of <paramref name="modelName"/> (every row's prediction by each role that scored it)
    /// in one write, stamped with a fresh batch id and the time; each row's version must be a registered version of the
    /// model. Returns the batch as written. Rows are checked first: a bad one (no equipment id, no time, a prediction that
    /// is not a finite number) is an InvalidArgument error naming it, and nothing is written.
    /// </summary>
    PredictionBatch AppendPredictions(string modelName, IReadOnlyList<PredictionRow> rows);

    /// <summary>
    /// The entries of one model in the order they were logged, optionally only those logged in a period. More than
    /// <see cref="PredictionQuery.MaxEntries"/> is a ResourceUnavailable error (PredictionLogTooLarge) naming the count
    /// and how to narrow the period, never a silently shortened list. A model never logged has no entries.
    /// </summary>
    IReadOnlyList<PredictionEntry> ReadPredictions(PredictionQuery query);
}

/// <summary>Who scored a logged row: the Production version, the shadow beside it, or a canary serving its share.</summary>
public enum PredictionRole : long
{
    Production,
    Shadow,
    Canary,
}

/// <summary>One prediction to log: which version in which role predicted what for which equipment at which time.</summary>
public sealed record PredictionRow
{
    public required int Version { get; init; }
    public required PredictionRole Role { get; init; }
    /// <summary>The row's equipment id (data.group_column), as text as the data gave it.</summary>
    public required string EquipmentId { get; init; }
    /// <summary>The row's time when the data has a timestamp column; else <see cref="Cycle"/>.</summary>
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>The row's cycle (operating time of the equipment) when there is no timestamp.</summary>
    public double? Cycle { get; init; }
    public required double Prediction { get; init; }
}

/// <summary>A logged prediction, with the batch that logged it.</summary>
public sealed record PredictionEntry
{
    public required string ModelName { get; init; }
    public required int Version { get; init; }
    public required PredictionRole Role { get; init; }
    public required string EquipmentId { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public double? Cycle { get; init; }
    public required double Prediction { get; init; }
    /// <summary>The scoring call that logged it: the rows of one batch were scored together.</summary>
    public required string BatchId { get; init; }
    public required DateTimeOffset LoggedAt { get; init; }
}

/// <summary>What <see cref="IPredictionLog.AppendPredictions"/> wrote.</summary>
public sealed record PredictionBatch(string ModelName, string BatchId, DateTimeOffset LoggedAt, int Entries);

/// <summary>Which entries to read: one model, optionally those logged in [<see cref="LoggedAfter"/>, <see cref="LoggedBefore"/>).</summary>
public sealed record PredictionQuery
{
    /// <summary>The most entries a read returns by default (about 150 MB in memory).</summary>
    public const int DefaultMaxEntries = 1_000_000;

    public required string ModelName { get; init; }
    public DateTimeOffset? LoggedAfter { get; init; }
    public DateTimeOffset? LoggedBefore { get; init; }
    public int MaxEntries { get; init; } = DefaultMaxEntries;
}
