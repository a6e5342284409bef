@{
    Synopsis    = 'Shows the next runs of the retraining schedule (pipeline.schedule_cron, or a cron expression given), in a chosen time zone.'
    Description = @(
        'Get-RetrainSchedule reads pipeline.schedule_cron from the configuration (default "0 2 * * 0": Sundays at 02:00) and lists its next runs after now (or -After): the instant in UTC, the time the clock of the time zone shows then, with its offset from UTC, and the zone. -Cron gives an expression instead, without reading the configuration. Use it to check an expression before it goes into the configuration, a crontab, a Task Scheduler trigger or an Azure Automation schedule, and to see where daylight saving time moves a run.'
        'The expression has 5 fields (minute hour day-of-month month day-of-week), as cron writes them: names such as MON-FRI and JAN-DEC, ranges, lists and steps (*/15), 0 and 7 for Sunday, L, W and # (0 0 * * 5L is the last Friday), and the macros @daily, @weekly and @monthly. When both day-of-month and day-of-week are given, both must match (0 0 13 * 5 is Friday the 13th), unlike Unix cron, which runs on either.'
        'Times are the wall clock of the zone, and daylight saving time is handled as the Cronos library does: when the clock jumps forward over the time of a run, the run is not skipped but moves to the first minute after the jump (Sunday 02:00 becomes 03:00 on the last Sunday of March in Europe/Berlin; ShiftedByDaylightSaving is then true). When the clock goes back and a time happens twice, an expression with a fixed minute and hour runs once, at the first of the two (still on daylight saving time); an expression with *, a range or a step in its minute or hour field runs at both.'
        'An unknown time zone is a TimeZoneNotFound error (ObjectNotFound) naming it; a bad expression is InvalidCron (InvalidArgument) naming it. When the expression has fewer runs than -Count (0 0 30 2 * never runs), a warning says so.'
    )
    Parameters  = @{
        Cron     = 'A 5-field cron expression to show instead of pipeline.schedule_cron; the configuration is then not read. Quote it: ''0 6 * * MON-FRI''.'
        Count    = 'How many runs to show: 1 to 1000. Default: 5.'
        TimeZone = 'The time zone whose clock the expression follows: an IANA id (Europe/Berlin, America/New_York, UTC) or a Windows id (W. Europe Standard Time, Eastern Standard Time), on any platform. Default: this machine''s time zone. Tab completes the ids this machine knows, by prefix or by any part (Berlin finds Europe/Berlin); Get-TimeZone -ListAvailable lists them.'
        After    = 'The runs strictly after this time. A time without a zone (''2026-03-27 12:00'') is read as the clock of -TimeZone shows it; a UTC time (such as a run''s UtcTime, to page on) or a local time from Get-Date is that instant. Default: now.'
    }
    Outputs     = @{ 'Retrain.Engine.Scheduling.ScheduleOccurrence' = 'Number (1 for the next run), UtcTime (DateTime, UTC), LocalTime (DateTimeOffset: the clock of the zone, with its offset from UTC as LocalTime.Offset), TimeZone (the id), IsDaylightSavingTime, ShiftedByDaylightSaving (the time did not exist that day and the run moved to just after the jump) and Cron.' }
    Notes       = @(
        'The scheduler that starts the job must use the same time zone: cron uses the machine''s (or CRON_TZ where supported), Task Scheduler the machine''s local time unless a trigger says otherwise, and an Azure Automation schedule the time zone it is created with. The README''s scheduling recipes show each.'
    )
    Examples    = @(
        @{ Title = 'when the pipeline runs next'; Code = 'Get-RetrainSchedule'; Remarks = 'The next five runs of pipeline.schedule_cron (with no configuration: Sundays at 02:00) in this machine''s time zone.' }
        @{ Title = 'the spring jump in Berlin'; Code = "Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-03-20' -Count 3"; Remarks = 'Sunday 22 March at 02:00 (+01:00), then 29 March at 03:00 (+02:00): 02:00 does not exist that day, so the run moves to the first minute after the jump (ShiftedByDaylightSaving), then 5 April at 02:00 (+02:00).' }
        @{ Title = 'an expression before it goes into the configuration'; Code = "Get-RetrainSchedule '0 6 * * MON-FRI' -TimeZone America/New_York -Count 10"; Remarks = 'Weekdays at 06:00 in New York, the next two weeks.' }
        @{ Title = 'a Windows time zone id, from a configuration file'; Code = "Get-RetrainSchedule -ConfigPath ./retrain_config.yaml -TimeZone 'W. Europe Standard Time' -After '2026-10-20' -Count 2"; Remarks = 'The schedule of that file, in the zone Windows calls W. Europe Standard Time (Europe/Berlin).' }
        @{ Title = 'the next page of runs'; Code = "`$runs = Get-RetrainSchedule -Count 3`nGet-RetrainSchedule -After `$runs[-1].UtcTime -Count 3"; Remarks = 'UtcTime is a UTC DateTime, so it goes back into -After as that instant.' }
        @{ Title = 'the next run, in a runbook''s log'; Code = "`$next = Get-RetrainSchedule -Count 1 -TimeZone UTC`n'Next retraining: {0:u}' -f `$next.UtcTime"; Remarks = 'One line for a job log.' }
    )
    Related     = @('Test-ModelDrift', 'about_Retrain')
}
