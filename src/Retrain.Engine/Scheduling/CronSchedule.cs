using Cronos;

namespace Retrain.Engine.Scheduling;

/// <summary>
/// The future runs of a cron schedule (<c>pipeline.schedule_cron</c>, or one given), in a chosen time zone, computed
/// by Cronos with the configuration's format: 5 fields (minute hour day-of-month month day-of-week), names such as
/// MON-FRI and JAN allowed, 0 and 7 both Sunday, and the macros @daily, @weekly, @monthly, …
/// </summary>
/// <remarks>
/// <para>The expression is wall-clock time in the zone, and daylight saving time is handled as Cronos handles it:</para>
/// <list type="bullet">
/// <item>When the clock jumps forward (the start of daylight saving time), a run whose time does not exist that day is
/// not skipped: it moves to the first valid time after the jump (02:30 becomes 03:00), and
/// <see cref="ScheduleOccurrence.ShiftedByDaylightSaving"/> says so.</item>
/// <item>When the clock goes back (the end of daylight saving time) and a time exists twice, an expression with fixed
/// minute and hour (such as <c>0 2 * * 0</c> or <c>30 1 * * *</c>) runs once, at the first of the two (still on daylight
/// saving time); an interval expression (a <c>*</c>, range or step in the minute or hour field, such as <c>30 * * * *</c>)
/// runs at both.</item>
/// <item>When both day-of-month and day-of-week are given, both must match (<c>0 0 13 * 5</c> is Friday the 13th only),
/// unlike Unix cron, which runs on either.</item>
/// </list>
/// </remarks>
public static class CronSchedule
{
    /// <summary>The format of <c>pipeline.schedule_cron</c> (the configuration validates with the same one).</summary>
    public const CronFormat Format = CronFormat.Standard;

    /// <summary>Parses an expression; a bad one is an <c>InvalidCron</c> error naming it and what is wrong.</summary>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return CronExpression.Parse(expression, Format);
        }
        catch (CronFormatException e)
        {
            throw new RetrainException("InvalidCron", RetrainErrorKind.InvalidArgument,
                $"'{expression}' is not a valid cron expression (5 fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * 0\"): {e.Message}",
                expression, e);
        }
    }

    /// <summary>
    /// The time zone with this id: an IANA id (Europe/Berlin) or a Windows id (W. Europe Standard Time), on any platform
    /// (.NET converts between them through ICU, which PowerShell loads; a process with invariant globalization knows only
    /// the system's own kind of id). An unknown id is a <c>TimeZoneNotFound</c> error naming it.
    /// </summary>
    public static TimeZoneInfo FindTimeZone(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            var why = e is InvalidTimeZoneException ? $"this machine's data for time zone '{id}' is damaged: {e.Message}" : $"time zone '{id}' was not found on this machine";
            // .NET maps Windows ids to IANA ones (and back) through ICU; a process without it knows only the native ids.
            var icu = InvariantGlobalization
                ? " This process runs with invariant globalization (no ICU), so only this system's own ids are known, not their Windows or IANA equivalents."
                : "";
            throw new RetrainException("TimeZoneNotFound", RetrainErrorKind.ObjectNotFound,
                $"The {why}. Give an IANA id (Europe/Berlin, America/New_York, UTC) or a Windows id (W. Europe Standard Time); Get-TimeZone -ListAvailable lists those this machine knows.{icu}",
                id, e);
        }
    }

    private static bool InvariantGlobalization =>
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant
        || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT") is "1" or "true";

    /// <summary>
    /// A time given without a zone (<see cref="DateTimeKind.Unspecified"/>: '2026-03-28 12:00') read as the clock of
    /// <paramref name="zone"/> shows it; a UTC or local (machine) time is that instant. A clock time that does not
    /// exist in the zone (skipped by a jump forward) or exists twice (a jump back) is read with the zone's standard offset.
    /// </summary>
    public static DateTimeOffset InstantOf(DateTime time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return time.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(time, zone.IsInvalidTime(time) || zone.IsAmbiguousTime(time) ? zone.BaseUtcOffset : zone.GetUtcOffset(time))
            : new DateTimeOffset(time);
    }

    /// <summary>
    /// The next <paramref name="count"/> runs of <paramref name="expression"/> strictly after <paramref name="after"/>, in
    /// <paramref name="zone"/>. Fewer when the
    /// expression has no more (such as <c>0 0 30 2 *</c>, never).
    /// </summary>
    public static IReadOnlyList<ScheduleOccurrence> Next(string expression, DateTimeOffset after, TimeZoneInfo zone, int count)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var cron = Parse(expression);
        var runs = new List<ScheduleOccurrence>(Math.Min(count, 1000));
        var from = after;
        while (runs.Count < count && cron.GetNextOccurrence(from, zone, inclusive: false) is { } next)
        {
            var local = TimeZoneInfo.ConvertTime(next, zone);
            runs.Add(new ScheduleOccurrence
            {
                Number = runs.Count + 1,
                UtcTime = next.UtcDateTime,
                LocalTime = local,
                TimeZone = zone.Id,
                IsDaylightSavingTime = zone.IsDaylightSavingTime(next),
                ShiftedByDaylightSaving = !MatchesWallClock(cron, local.DateTime),
                Cron = expression,
            });
            from = next;
        }
        return runs;
    }

    /// <summary>Whether the clock time itself fits the expression (false for a run Cronos moved out of a jump forward).</summary>
    private static bool MatchesWallClock(CronExpression cron, DateTime wallClock)
    {
        var asUtc = DateTime.SpecifyKind(wallClock, DateTimeKind.Utc);
        return cron.GetNextOccurrence(asUtc, inclusive: true) == asUtc;
    }
}
