# Get-RetrainSchedule: the next runs of pipeline.schedule_cron (or -Cron) in a time zone, as a user checks a
# schedule before putting it into cron, Task Scheduler or Azure Automation.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_CONFIG = $null
    $script:mondays = New-TestConfig -Folder $TestDrive -Yaml "pipeline:`n  schedule_cron: '15 4 * * MON'`n"
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}
AfterAll { $env:RETRAIN_CONFIG = $previousConfig }

Describe 'Get-RetrainSchedule' {
    It 'shows the built-in schedule, Sundays at 02:00, in this machine''s time zone after now' {
        $before = [datetime]::UtcNow
        $runs = @(Get-RetrainSchedule)
        $runs.Count | Should -Be 5
        $runs[0].PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Scheduling.ScheduleOccurrence'
        $runs.Number | Should -Be @(1, 2, 3, 4, 5)
        $runs[0].TimeZone | Should -Be ([TimeZoneInfo]::Local.Id)
        $runs[0].UtcTime | Should -BeGreaterThan $before
        $runs[0].UtcTime | Should -BeLessOrEqual $before.AddDays(7)
        foreach ($r in $runs) {
            $r.Cron | Should -Be '0 2 * * 0'
            $r.LocalTime.DayOfWeek | Should -Be 'Sunday'
            $r.LocalTime.TimeOfDay | Should -Be ([timespan]::FromHours(2))
            $r.UtcTime.Kind | Should -Be 'Utc'
            $r.LocalTime.UtcDateTime | Should -Be $r.UtcTime
        }
        for ($i = 1; $i -lt 5; $i++) {
            ($runs[$i].UtcTime - $runs[$i - 1].UtcTime).TotalHours | Should -BeIn @(167, 168, 169) -Because 'a week apart, give or take a daylight saving hour'
        }
    }

    It 'reads pipeline.schedule_cron from -ConfigPath, and -Cron overrides it' {
        $fromFile = @(Get-RetrainSchedule -ConfigPath $mondays -TimeZone UTC -After '2026-11-04' -Count 2)
        $fromFile.Cron | Should -Be @('15 4 * * MON', '15 4 * * MON')
        $fromFile.UtcTime | Should -Be @([datetime]::new(2026, 11, 9, 4, 15, 0, [DateTimeKind]::Utc), [datetime]::new(2026, 11, 16, 4, 15, 0, [DateTimeKind]::Utc))
        $given = Get-RetrainSchedule '0 6 * * *' -ConfigPath $mondays -TimeZone UTC -After '2026-11-04' -Count 1
        $given.Cron | Should -Be '0 6 * * *'
        $given.UtcTime | Should -Be ([datetime]::new(2026, 11, 4, 6, 0, 0, [DateTimeKind]::Utc))
    }

    It 'moves the run of the spring jump in Europe/Berlin to 03:00 and says so in an 80-column table' {
        $runs = @(Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-03-20' -Count 3)
        $runs.LocalTime.ForEach({ $_.ToString('yyyy-MM-dd HH:mm zzz') }) | Should -Be @('2026-03-22 02:00 +01:00', '2026-03-29 03:00 +02:00', '2026-04-05 02:00 +02:00')
        $runs.ShiftedByDaylightSaving | Should -Be @($false, $true, $false)
        $runs.IsDaylightSavingTime | Should -Be @($false, $true, $true)
        $text = $runs | Out-String -Width 80
        $text | Should -Match 'Time zone: Europe/Berlin'
        $text | Should -Match '2026-03-29 03:00 Sun \+02:00 2026-03-29 01:00 moved past the DST gap'
        $text | Should -Match '2026-04-05 02:00 Sun \+02:00 2026-04-05 00:00'
    }

    It 'runs an interval expression at both passes of the autumn overlap in America/New_York, a fixed time once' {
        $every = @(Get-RetrainSchedule '30 * * * *' -TimeZone America/New_York -After '2026-11-01 00:45' -Count 3)
        $every.LocalTime.ForEach({ $_.ToString('HH:mm zzz') }) | Should -Be @('01:30 -04:00', '01:30 -05:00', '02:30 -05:00')
        $once = @(Get-RetrainSchedule '30 1 * * SUN' -TimeZone America/New_York -After '2026-10-31' -Count 2)
        $once.UtcTime | Should -Be @([datetime]::new(2026, 11, 1, 5, 30, 0, [DateTimeKind]::Utc), [datetime]::new(2026, 11, 8, 6, 30, 0, [DateTimeKind]::Utc))
    }

    It 'gives a Windows time zone id the runs of its IANA equivalent' {
        $windows = @(Get-RetrainSchedule -TimeZone 'W. Europe Standard Time' -After '2026-10-20' -Count 3)
        $iana = @(Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-10-20' -Count 3)
        $windows.UtcTime | Should -Be $iana.UtcTime
        $windows[0].TimeZone | Should -Be 'W. Europe Standard Time'
    }

    It 'reads -After without a zone as the clock of -TimeZone, and a UTC time as that instant (to page on)' {
        (Get-RetrainSchedule '0 12 * * *' -TimeZone Asia/Tokyo -After '2026-06-01 11:59' -Count 1).LocalTime.ToString('yyyy-MM-dd HH:mm') | Should -Be '2026-06-01 12:00'
        $first = @(Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-01-01' -Count 3)
        $next = @(Get-RetrainSchedule -TimeZone Europe/Berlin -After $first[-1].UtcTime -Count 3)
        $all = @(Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-01-01' -Count 6)
        @($first.UtcTime) + @($next.UtcTime) | Should -Be $all.UtcTime
    }

    It 'fails on an unknown time zone with TimeZoneNotFound naming it' {
        $e = { Get-RetrainSchedule -TimeZone 'Mars/Olympus_Mons' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'TimeZoneNotFound,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'Mars/Olympus_Mons'
        $e.Exception.Message | Should -Match "'Mars/Olympus_Mons'"
    }

    It 'fails on a bad expression with InvalidCron naming it; the configuration''s is checked on load' {
        $e = { Get-RetrainSchedule '0 2 * *' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidCron,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match "'0 2 \* \*'"
        $bad = New-TestConfig -Folder $TestDrive -Yaml "pipeline:`n  schedule_cron: 'every sunday'`n"
        $e = { Get-RetrainSchedule -ConfigPath $bad } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ConfigInvalidCron,*'
        $e.Exception.Message | Should -Match 'pipeline\.schedule_cron'
    }

    It 'takes -Count from 1 to 1000 and refuses 0 and 1001' {
        @(Get-RetrainSchedule '*/5 * * * *' -TimeZone UTC -Count 1000).Count | Should -Be 1000
        @(Get-RetrainSchedule -Count 1).Count | Should -Be 1
        { Get-RetrainSchedule -Count 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-RetrainSchedule -Count 1001 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'warns when the expression has fewer runs than asked for' {
        $runs = @(Get-RetrainSchedule '0 0 30 2 *' -WarningVariable warned -WarningAction SilentlyContinue)
        $runs.Count | Should -Be 0
        "$warned" | Should -Match "'0 0 30 2 \*' has no run"
    }

    It 'completes time zone ids by prefix, and by any part when no id starts with it' {
        $be = Get-Completion 'Get-RetrainSchedule -TimeZone Europe/Be'
        $be | Should -Contain 'Europe/Berlin'
        $be | Should -Contain 'Europe/Belgrade'
        $be | ForEach-Object { $_ | Should -BeLike 'Europe/Be*' }
        Get-Completion 'Get-RetrainSchedule -TimeZone Berl' | Should -Be @('Europe/Berlin')
        Get-Completion 'Get-RetrainSchedule -TimeZone New_Y' | Should -Contain 'America/New_York'
    }

    It 'travels as JSON with the UTC time marked as UTC and the local time with its offset' {
        $json = Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-07-01' -Count 1 | ConvertTo-Json
        $json | Should -Match '"UtcTime":\s*"2026-07-05T00:00:00Z"'
        $json | Should -Match '"LocalTime":\s*"2026-07-05T02:00:00\+02:00"'
        $json | Should -Match '"TimeZone":\s*"Europe/Berlin"'
    }
}
