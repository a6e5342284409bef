namespace Retrain.Engine.Scheduling;

/// <summary>
/// One future run of a cron schedule (<c>Get-RetrainSchedule</c>): the instant, the wall-clock time in the chosen
/// zone at that instant, and the zone.
/// </summary>
public sealed class ScheduleOccurrence
{
    /// <summary>1 for the next run, 2 for the one after, …</summary>
    public required int Number { get; init; }

    /// <summary>The instant of the run, in UTC (<see cref="DateTimeKind.Utc"/>, so it can be given back to -After).</summary>
    public required DateTime UtcTime { get; init; }

    /// <summary>The same instant as the zone's clock shows it, with the zone's offset from UTC at that instant (<c>LocalTime.Offset</c>).</summary>
    public required DateTimeOffset LocalTime { get; init; }

    /// <summary>The time zone id, as given (IANA such as Europe/Berlin, or Windows such as W. Europe Standard Time).</summary>
    public required string TimeZone { get; init; }

    /// <summary>Whether the zone keeps daylight saving time at the run.</summary>
    public required bool IsDaylightSavingTime { get; init; }

    /// <summary>
    /// True when the time the expression names did not exist on that day in the zone (the clock jumped over it, at
    /// the start of daylight saving time), so the run moved to the first minute after the jump, as Cronos does.
    /// </summary>
    public required bool ShiftedByDaylightSaving { get; init; }

    /// <summary>The cron expression the run comes from.</summary>
    public required string Cron { get; init; }

    public override string ToString() => $"{LocalTime:yyyy-MM-dd HH:mm zzz} ({TimeZone})";
}
