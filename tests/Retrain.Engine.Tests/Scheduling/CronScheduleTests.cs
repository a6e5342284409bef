using Retrain.Engine.Scheduling;

namespace Retrain.Engine.Tests.Scheduling;

public class CronScheduleTests
{
    private static readonly TimeZoneInfo Berlin = CronSchedule.FindTimeZone("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = CronSchedule.FindTimeZone("America/New_York");

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Gives_the_default_weekly_schedule_on_sundays_at_two_in_the_zone()
    {
        // Monday 2 November 2026, Berlin on standard time (+01:00).
        var runs = CronSchedule.Next("0 2 * * 0", Utc(2026, 11, 2, 12), Berlin, 3);
        Assert.Equal(new[] { Utc(2026, 11, 8, 1), Utc(2026, 11, 15, 1), Utc(2026, 11, 22, 1) }, runs.Select(r => r.UtcTime));
        Assert.All(runs, r =>
        {
            Assert.Equal(DayOfWeek.Sunday, r.LocalTime.DayOfWeek);
            Assert.Equal(new TimeSpan(2, 0, 0), r.LocalTime.TimeOfDay);
            Assert.Equal(TimeSpan.FromHours(1), r.LocalTime.Offset);
            Assert.Equal(DateTimeKind.Utc, r.UtcTime.Kind);
            Assert.Equal(r.UtcTime, r.LocalTime.UtcDateTime);
            Assert.Equal("Europe/Berlin", r.TimeZone);
            Assert.False(r.IsDaylightSavingTime);
            Assert.False(r.ShiftedByDaylightSaving);
            Assert.Equal("0 2 * * 0", r.Cron);
        });
        Assert.Equal(new[] { 1, 2, 3 }, runs.Select(r => r.Number));
    }

    [Fact]
    public void Moves_a_run_in_the_spring_gap_in_Berlin_to_three_oclock_summer_time()
    {
        // Sunday 29 March 2026: Berlin's clock jumps from 02:00 (+01:00) to 03:00 (+02:00); 02:00 does not exist.
        var runs = CronSchedule.Next("0 2 * * 0", Utc(2026, 3, 21), Berlin, 3);
        Assert.Equal(Utc(2026, 3, 22, 1), runs[0].UtcTime);              // 02:00 +01:00
        Assert.False(runs[0].ShiftedByDaylightSaving);
        Assert.Equal(Utc(2026, 3, 29, 1), runs[1].UtcTime);              // 03:00 +02:00: the first minute after the jump
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), runs[1].LocalTime.DateTime);
        Assert.Equal(TimeSpan.FromHours(2), runs[1].LocalTime.Offset);
        Assert.True(runs[1].IsDaylightSavingTime);
        Assert.True(runs[1].ShiftedByDaylightSaving);
        Assert.Equal(Utc(2026, 4, 5, 0), runs[2].UtcTime);               // 02:00 +02:00 again, an hour earlier in UTC
        Assert.False(runs[2].ShiftedByDaylightSaving);
    }

    [Fact]
    public void Runs_a_fixed_time_once_in_the_autumn_overlap_in_Berlin_at_the_first_of_the_two()
    {
        // Sunday 25 October 2026: Berlin's clock goes back from 03:00 (+02:00) to 02:00 (+01:00); 02:00-02:59 happens twice.
        var runs = CronSchedule.Next("30 2 * * *", Utc(2026, 10, 24, 12), Berlin, 2);
        Assert.Equal(Utc(2026, 10, 25, 0, 30), runs[0].UtcTime);         // 02:30 +02:00, not again at 02:30 +01:00
        Assert.Equal(TimeSpan.FromHours(2), runs[0].LocalTime.Offset);
        Assert.True(runs[0].IsDaylightSavingTime);
        Assert.Equal(Utc(2026, 10, 26, 1, 30), runs[1].UtcTime);         // Monday 02:30 +01:00
        Assert.False(runs[1].IsDaylightSavingTime);
    }

    [Fact]
    public void Runs_an_interval_expression_at_both_passes_of_the_autumn_overlap_in_New_York()
    {
        // Sunday 1 November 2026: New York's clock goes back from 02:00 (-04:00) to 01:00 (-05:00).
        var runs = CronSchedule.Next("30 * * * *", Utc(2026, 11, 1, 5), NewYork, 3);   // 01:00 -04:00
        Assert.Equal(new[] { Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 1, 6, 30), Utc(2026, 11, 1, 7, 30) }, runs.Select(r => r.UtcTime));
        Assert.Equal(new[] { "01:30 -04:00", "01:30 -05:00", "02:30 -05:00" }, runs.Select(r => r.LocalTime.ToString("HH:mm zzz")));
        // A fixed time in the overlap runs once.
        var once = CronSchedule.Next("30 1 * * *", Utc(2026, 10, 31, 12), NewYork, 2);
        Assert.Equal(new[] { Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30) }, once.Select(r => r.UtcTime));
    }

    [Fact]
    public void Moves_a_run_in_the_spring_gap_in_New_York_to_three_oclock_daylight_time()
    {
        // Sunday 8 March 2026: New York's clock jumps from 02:00 (-05:00) to 03:00 (-04:00).
        var runs = CronSchedule.Next("30 2 * * *", Utc(2026, 3, 7, 12), NewYork, 2);
        Assert.Equal("2026-03-08 03:00 -04:00", runs[0].LocalTime.ToString("yyyy-MM-dd HH:mm zzz"));
        Assert.Equal(Utc(2026, 3, 8, 7), runs[0].UtcTime);
        Assert.True(runs[0].ShiftedByDaylightSaving);
        Assert.Equal("2026-03-09 02:30 -04:00", runs[1].LocalTime.ToString("yyyy-MM-dd HH:mm zzz"));
        Assert.False(runs[1].ShiftedByDaylightSaving);
    }

    [Fact]
    public void Says_why_a_Windows_id_is_unknown_in_a_process_without_ICU()
    {
        // The test host runs with invariant globalization (Directory.Build.props); PowerShell has ICU, and
        // Schedule.Tests.ps1 checks that a Windows id gives the same runs there.
        Assert.Equal("Europe/Berlin", CronSchedule.FindTimeZone("Europe/Berlin").Id);
        if (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant)
        {
            var e = Assert.Throws<RetrainException>(() => CronSchedule.FindTimeZone("W. Europe Standard Time"));
            Assert.Contains("invariant globalization", e.Message);
        }
        else
        {
            var windows = CronSchedule.FindTimeZone("W. Europe Standard Time");
            Assert.Equal(Berlin.GetUtcOffset(Utc(2026, 7, 1)), windows.GetUtcOffset(Utc(2026, 7, 1)));
        }
    }

    [Fact]
    public void Honours_a_day_of_week_range_on_weekdays_only()
    {
        // Friday 6 November 2026, 07:00 in New York: the next runs are Monday to Friday of the next week.
        var runs = CronSchedule.Next("0 6 * * MON-FRI", Utc(2026, 11, 6, 12), NewYork, 5);
        Assert.Equal(new[] { 9, 10, 11, 12, 13 }, runs.Select(r => r.LocalTime.Day));
        Assert.Equal(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
            runs.Select(r => r.LocalTime.DayOfWeek));
        Assert.All(runs, r => Assert.Equal(11, r.UtcTime.Hour));   // 06:00 -05:00
    }

    [Fact]
    public void Needs_both_day_of_month_and_day_of_week_when_both_are_given()
    {
        // Unlike Unix cron (either), Cronos needs both: Friday the 13th.
        var runs = CronSchedule.Next("0 0 13 * 5", Utc(2026, 1, 1), TimeZoneInfo.Utc, 3);
        Assert.Equal(new[] { Utc(2026, 2, 13), Utc(2026, 3, 13), Utc(2026, 11, 13) }, runs.Select(r => r.UtcTime));
    }

    [Fact]
    public void Starts_strictly_after_the_instant_given()
    {
        var runs = CronSchedule.Next("0 2 * * 0", Utc(2026, 11, 8, 1), Berlin, 1);   // exactly a run: the next one
        Assert.Equal(Utc(2026, 11, 15, 1), runs[0].UtcTime);
    }

    [Fact]
    public void Gives_fewer_runs_when_the_expression_has_no_more()
    {
        Assert.Empty(CronSchedule.Next("0 0 30 2 *", Utc(2026, 1, 1), Berlin, 5));   // 30 February
    }

    [Fact]
    public void Reads_a_time_without_a_zone_as_the_clock_of_the_zone()
    {
        Assert.Equal(Utc(2026, 7, 1, 10), CronSchedule.InstantOf(new DateTime(2026, 7, 1, 12, 0, 0), Berlin).UtcDateTime);
        Assert.Equal(Utc(2026, 7, 1, 12), CronSchedule.InstantOf(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc), Berlin).UtcDateTime);
        // 02:30 on 29 March 2026 does not exist in Berlin: read with the standard offset, no error.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), CronSchedule.InstantOf(new DateTime(2026, 3, 29, 2, 30, 0), Berlin).UtcDateTime);
    }

    [Fact]
    public void Names_an_unknown_time_zone_in_a_typed_error()
    {
        var e = Assert.Throws<RetrainException>(() => CronSchedule.FindTimeZone("Mars/Olympus_Mons"));
        Assert.Equal("TimeZoneNotFound", e.ErrorId);
        Assert.Equal(RetrainErrorKind.ObjectNotFound, e.Kind);
        Assert.Equal("Mars/Olympus_Mons", e.Target);
        Assert.Contains("'Mars/Olympus_Mons'", e.Message);
    }

    [Theory]
    [InlineData("0 2 * *")]
    [InlineData("61 2 * * 0")]
    [InlineData("0 2 * * funday")]
    public void Names_a_bad_expression_in_a_typed_error(string expression)
    {
        var e = Assert.Throws<RetrainException>(() => CronSchedule.Next(expression, Utc(2026, 1, 1), Berlin, 1));
        Assert.Equal("InvalidCron", e.ErrorId);
        Assert.Equal(RetrainErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(expression, e.Target);
        Assert.Contains($"'{expression}'", e.Message);
    }
}
