namespace Retrain.Engine.Tracking;

/// <summary>
/// One tracked execution (a drift check, a training, a comparison): who ran it where, its parameters,
/// tags, the latest value of each metric, and its status. A snapshot: read it again to see later changes.
/// </summary>
public sealed class Run
{
    public required string RunId { get; init; }

    public required string ExperimentId { get; init; }

    public required string ExperimentName { get; init; }

    public string? RunName { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public required string User { get; init; }

    public required string Machine { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The latest value of each metric key: highest step, then latest timestamp, then last logged.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The tag a Failed run records its error's message in (<see cref="Store.TrackedRun"/>); a run marked Killed because its process ended, which process that was.</summary>
    public const string ErrorMessageTag = "error_message";

    /// <summary>The tag a Failed run records its error's type in (the full .NET type name).</summary>
    public const string ErrorTypeTag = "error_type";

    /// <summary>Why a Failed run failed: the error's message, or null.</summary>
    public string? ErrorMessage => Tags.GetValueOrDefault(ErrorMessageTag);

    /// <summary>The type of the error a Failed run ended with, or null.</summary>
    public string? ErrorType => Tags.GetValueOrDefault(ErrorTypeTag);

    /// <summary>The run's URI (<c>runs:/&lt;id&gt;</c>); append an artifact path to name one of its artifacts.</summary>
    public string Uri => $"runs:/{RunId}";

    public override string ToString() => Uri;
}
