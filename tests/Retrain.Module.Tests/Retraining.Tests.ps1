# Issue 15: Invoke-Retraining end to end on the embedded store with real C-MAPSS data, every status path in turn on one
# store (as a weekly schedule would meet them), plus the guard rails: a lease held by another process (Skipped, never
# waiting, free again the moment its holder is killed), cooldown and hysteresis, a failing step (Failed, registry
# unchanged), the automatic rollback, -WhatIf (nothing written) and the compositions with Test-ModelDrift and
# Publish-ProductionModel.
#
# The fleet (demo/ConvertTo-TimedFleet.ps1, one cycle = one hour): FD001's 100 engines enter service every 12 hours from
# 2024-01-01, FD003's (the second fault mode) every 3 hours from day 41. The data as it stood on day 12 bootstraps a
# deliberately weak Production model (3 trees); day 40 is a week like the reference; by day 60 the fleet meets FD003.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:model = 'predictive_maintenance_model'
    $convert = Join-Path (Get-RepoRoot) 'demo/ConvertTo-TimedFleet.ps1'
    $start = [datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $script:data = @{}
    foreach ($day in 12, 40, 60) {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive "day$day")
        $null = & $convert -Path (Get-CmapssPath train_FD001) -Destination (Join-Path $folder 'fd001.csv') -UnitPrefix FD001- -Start $start -Until $start.AddDays($day)
        if ($day -gt 41) {
            $null = & $convert -Path (Get-CmapssPath train_FD003) -Destination (Join-Path $folder 'fd003.csv') -UnitPrefix FD003- -Start $start.AddDays(41) -StaggerHours 3 -Until $start.AddDays($day)
        }
        $data[$day] = $folder.FullName
    }
    # Day 60 as one file, for Test-ModelDrift (which reads files, not folders).
    $script:day60File = Join-Path $TestDrive 'day60.csv'
    $lines = @(Get-Content (Join-Path $data[60] 'fd001.csv')) + @(Get-Content (Join-Path $data[60] 'fd003.csv') | Select-Object -Skip 1)
    Set-Content $day60File $lines

    # A configuration: the test's small settings, with -Set overriding 'section.key' values.
    function New-RetrainConfig([hashtable] $Set = @{}) {
        $values = [ordered]@{
            'data.timestamp_column' = 'timestamp'; 'drift_detection.min_samples' = 200; 'drift_detection.permutations' = 99
            'model_comparison.bootstrap_resamples' = 200; 'training.rul_cap' = 125; 'training.number_of_trees' = 20
            'pipeline.auto_deploy' = 'true'; 'pipeline.require_approval' = 'false'
        }
        foreach ($k in $Set.Keys) { $values[$k] = $Set[$k] }
        $yaml = foreach ($section in $values.Keys | ForEach-Object { $_.Split('.')[0] } | Select-Object -Unique) {
            "${section}:"
            foreach ($k in $values.Keys | Where-Object { $_.StartsWith("$section.") }) { "  $($k.Split('.')[1]): $($values[$k])" }
        }
        New-TestConfig -Folder $TestDrive -Yaml ($yaml -join "`n")
    }
    $script:auto = New-RetrainConfig
    $script:weak = New-RetrainConfig @{ 'training.number_of_trees' = 3 }
    function Get-Production { (Get-ProductionModel $model).Version }
    function Get-VersionCount { @(Get-ModelVersion $model -ErrorAction SilentlyContinue).Count }
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
}
AfterAll { $env:RETRAIN_STORE_URI = $script:previousStoreUri }

Describe 'Invoke-Retraining, week by week' {
    It 'bootstraps a model that has no Production version (manual -Reason): Deployed, one run with its steps as children' {
        $r = Invoke-Retraining -Reason 'bootstrap the fleet model' -DataPath $data[12] -ConfigPath $weak
        $r.Status | Should -Be Deployed
        $r.Deployed | Should -BeTrue
        $r.ChampionVersion | Should -BeNullOrEmpty
        $r.ExpectedCurrentVersion | Should -Be 0
        $r.NewModelUri | Should -Be "models:/$model/1"
        $r.Reason | Should -Match 'bootstrap the fleet model'
        Get-Production | Should -Be 1
        $run = Get-RetrainRun -RunId $r.RunId
        $run.ExperimentName | Should -Be retraining_pipeline
        $run.Tags.status | Should -Be Deployed
        $children = @(Get-RetrainRun -Tag @{ parent_run_id = $r.RunId })
        $children.ExperimentName | Sort-Object | Should -Be @('automated_retraining', 'model_comparison', 'model_deployment')
        $r.RetrainResult.RunId | Should -BeIn $children.RunId
        $r.Durations.Training | Should -BeGreaterThan 0
        $r.Durations.Total | Should -BeGreaterOrEqual $r.Durations.Training
    }

    It 'answers NoDrift on a week like the reference, and trains nothing' {
        $r = Invoke-Retraining -Scheduled -DataPath $data[40] -ConfigPath $auto
        $r.Status | Should -Be NoDrift
        $r.DriftDetected | Should -BeFalse
        $r.DriftReport.Status | Should -Be Ok
        $r.NewModelUri | Should -BeNullOrEmpty
        Get-VersionCount | Should -Be 1
        (Get-RetrainRun -Tag @{ parent_run_id = $r.RunId }).ExperimentName | Should -Be drift_monitoring
    }

    It 'finds the second fault mode and registers a challenger that does not clear the bar: NotPromoted' {
        $strict = New-RetrainConfig @{ 'model_comparison.min_improvement_pct' = 99 }
        $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $strict
        $r.DriftDetected | Should -BeTrue
        $r.Status | Should -Be NotPromoted
        $r.NewModelUri | Should -Be "models:/$model/2"
        $r.ComparisonReport.ShouldPromote | Should -BeFalse
        $r.Reason | Should -Match 'registered but not promoted'
        Get-Production | Should -Be 1
    }

    It 'compares on held-out engines neither model trained on' {
        $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath (New-RetrainConfig @{ 'pipeline.auto_deploy' = 'false'; 'pipeline.require_approval' = 'true' })
        $r.Status | Should -Be PendingApproval
        function Get-Manifest([int] $Version) {
            $v = Get-ModelVersion $model -Version $Version
            Get-Content -Raw (Join-Path (Get-TestFileStoreRoot) "runs/$($v.RunId)/artifacts/model/manifest.json") | ConvertFrom-Json
        }
        $champion = Get-Manifest 1
        $challenger = Get-Manifest 3
        $compared = [string[]] @($challenger.test_units | Where-Object { $_ -notin $champion.train_units })
        $r.ComparisonReport.TestUnits | Should -Be $compared.Count
        $compared.Count | Should -BeLessThan @($challenger.test_units).Count   # some of the challenger's test engines were the champion's
        $r.Deployment.DeploymentStatus | Should -Be PendingApproval
        $r.Deployed | Should -BeFalse
        (Get-PendingDeployment $model).Version | Should -Be 3
        Get-Production | Should -Be 1
    }

    It 'takes a drift report from Test-ModelDrift as its trigger and deploys the winner: Deployed, against the champion it compared with' {
        $report = Test-ModelDrift -ReferencePath $day60File -CurrentPath $day60File -ConfigPath $auto
        $report.DriftDetected | Should -BeTrue
        $r = $report | Invoke-Retraining -DataPath $day60File -ConfigPath $auto
        $r.Trigger | Should -Be DriftReport
        $r.DriftReport.RunId | Should -Be $report.RunId
        $r.Status | Should -Be Deployed
        $r.ComparisonReport.ShouldPromote | Should -BeTrue
        $r.ChampionVersion | Should -Be 1
        $r.Deployment.ModelVersion | Should -Be 4
        $r.Deployment.PreviousVersion | Should -Be 1
        Get-Production | Should -Be 4
        $r['status'] | Should -Be Deployed
        $r['deployed'] | Should -BeTrue
        $r['drift_detected'] | Should -BeTrue
        $r['retrain_result']['new_model_uri'] | Should -Be "models:/$model/4"
        $r['comparison_report'].ShouldPromote | Should -BeTrue
    }

    It 'keeps a scheduled run from retraining within pipeline.cooldown_days of a deployment: NoDrift, and says why' {
        $cool = New-RetrainConfig @{ 'pipeline.cooldown_days' = 30 }
        $before = Get-VersionCount
        $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $cool
        $r.DriftDetected | Should -BeTrue
        $r.Status | Should -Be NoDrift
        $r.Reason | Should -Match 'cooldown_days'
        Get-VersionCount | Should -Be $before
    }

    It 'waits for drift_detection.consecutive_windows drifted windows in a row' {
        $patient = New-RetrainConfig @{ 'drift_detection.consecutive_windows' = 3 }
        $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $patient
        $r.DriftDetected | Should -BeTrue
        $r.Status | Should -Be NoDrift
        $r.Reason | Should -Match '1 drifted window\(s\) in a row of the 3'
    }

    It 'lets a manual -Reason override the cooldown, and says so' {
        $cool = New-RetrainConfig @{ 'pipeline.auto_deploy' = 'false'; 'pipeline.cooldown_days' = 30 }
        $next = (Get-VersionCount) + 1
        $r = Invoke-Retraining -Reason 'the vendor shipped new sensors' -DataPath $data[60] -ConfigPath $cool
        $r.Status | Should -BeIn Retrained, NotPromoted
        $r.NewModelUri | Should -Be "models:/$model/$next"
        $r.Reason | Should -Match 'overrides the cooldown'
        Get-Production | Should -Be 4
    }

    It 'rolls back a Production version that did worse since its deployment than the one it replaced: RolledBack' {
        # The week after day 60, labelled by its outcomes. Here the outcomes are what version 1 predicted, so version 4
        # is surely worse than version 1 on exactly these rows: the mechanism, not the fleet, is under test.
        $week = Join-Path $TestDrive 'week61.csv'
        $null = & (Join-Path (Get-RepoRoot) 'demo/ConvertTo-TimedFleet.ps1') -Path (Get-CmapssPath train_FD003) -Destination $week -UnitPrefix FD003- `
            -Start ([datetime]::new(2024, 2, 11, 0, 0, 0, [DateTimeKind]::Utc)) -StaggerHours 3 -Until ([datetime]::new(2024, 3, 7, 0, 0, 0, [DateTimeKind]::Utc))
        $after = @(Import-Csv $week | Where-Object { [datetimeoffset]$_.timestamp -gt [datetimeoffset]'2024-03-01T00:00:00Z' })
        $predicted = @($after | Invoke-ModelPrediction -ModelUri "models:/$model/1")
        for ($i = 0; $i -lt $after.Count; $i++) { $after[$i].rul = $predicted[$i].Prediction }
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'day67')
        Copy-Item (Join-Path $data[60] '*.csv') $folder
        $after | Export-Csv (Join-Path $folder 'zz-week.csv') -NoTypeInformation -UseQuotes AsNeeded
        $r = Invoke-Retraining -Scheduled -DataPath $folder -ConfigPath $auto
        $r.Status | Should -Be RolledBack
        $r.Deployment.DeploymentStatus | Should -Be RolledBack
        $r.Deployment.ModelVersion | Should -Be 1
        $r.Reason | Should -Match 'v4 regressed since its deployment'
        $r.NewModelUri | Should -BeNullOrEmpty
        Get-Production | Should -Be 1
        (Get-DeploymentHistory $model | Select-Object -Last 1).Reason | Should -Match '^Automatic rollback'
    }

    It 'ends Failed when a step throws: the error on the run and as an error record, the registry unchanged' {
        $events = @(Get-TestRegistryEvent).Count
        $r = Invoke-Retraining -Scheduled -DataPath (Join-Path $TestDrive 'missing.csv') -ConfigPath $auto -ErrorVariable failure -ErrorAction SilentlyContinue
        $r.Status | Should -Be Failed
        $r.FailedStep | Should -Be 'loading data'
        $r.Error | Should -Match 'missing.csv'
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Match '^FileNotFound'
        $run = Get-RetrainRun -RunId $r.RunId
        $run.Status | Should -Be Failed
        $run.ErrorMessage | Should -Match 'missing.csv'
        $run.Tags.status | Should -Be Failed
        @(Get-TestRegistryEvent).Count | Should -Be $events
    }

    It 'sends the failed alert to a real local webhook, and a dead webhook neither fails nor stalls a run' {
        # A listener on 127.0.0.1 answering one POST, in a runspace of its own while this thread runs the pipeline.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $receiver = [powershell]::Create().AddScript({
                param($l)
                $context = $l.GetContext()
                $body = [IO.StreamReader]::new($context.Request.InputStream).ReadToEnd()
                $context.Response.StatusCode = 200
                $context.Response.Close()
                "$($context.Request.HttpMethod) $($context.Request.Url.AbsolutePath)`n$body"
            }).AddArgument($listener)
        $pending = $receiver.BeginInvoke()
        try {
            $alerting = New-RetrainConfig @{ 'alerts.enabled' = 'true'; 'alerts.webhook_url' = "'http://127.0.0.1:$port/hooks/retrain'"; 'alerts.on' = '[failure]' }
            $r = Invoke-Retraining -Scheduled -DataPath (Join-Path $TestDrive 'missing.csv') -ConfigPath $alerting -ErrorAction SilentlyContinue
            $r.Status | Should -Be Failed
            $pending.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue -Because 'the listener received the alert'
            $received = "$($receiver.EndInvoke($pending))"
        }
        finally { $listener.Stop(); $receiver.Dispose() }
        $lines = $received -split "`n", 2
        $lines[0] | Should -Be 'POST /hooks/retrain'
        $alert = $lines[1] | ConvertFrom-Json
        $alert.event | Should -Be failed
        $alert.model_name | Should -Be $model
        $alert.reason | Should -Match 'missing.csv'
        $r.Reason | Should -Not -Match 'could not be sent'

        # Nothing listens on that port now: the run still ends as it would have, within the alert timeout, and says so.
        $dead = New-RetrainConfig @{ 'alerts.enabled' = 'true'; 'alerts.webhook_url' = "'http://127.0.0.1:$port/hooks/retrain?token=s3cret'"; 'alerts.on' = '[failure]'; 'alerts.timeout_seconds' = 2 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Retraining -Scheduled -DataPath (Join-Path $TestDrive 'missing.csv') -ConfigPath $dead -ErrorAction SilentlyContinue -WarningVariable warned 3>$null
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        $r.Status | Should -Be Failed
        $r.Reason | Should -Match 'An alert could not be sent'
        $r.Reason | Should -Not -Match 's3cret'
        "$warned" | Should -Match 'could not be delivered'
    }

    It 'fails the job under $ErrorActionPreference = Stop, as a runbook sets it' {
        { $ErrorActionPreference = 'Stop'; Invoke-Retraining -DataPath (Join-Path $TestDrive 'missing.csv') -ConfigPath $auto } | Should -Throw
    }

    It '-WhatIf trains and compares in a copy and leaves the store byte-identical' {
        $next = (Get-VersionCount) + 1
        $before = @(Get-TestStoreSnapshot)
        $r = Invoke-Retraining -Reason 'what would happen' -DataPath $data[60] -ConfigPath $auto -WhatIf
        @(Get-TestStoreSnapshot) | Should -Be $before
        $r.WhatIf | Should -BeTrue
        $r.RunId | Should -BeNullOrEmpty
        $r.NewModelUri | Should -Be "models:/$model/$next"
        $r.ComparisonReport | Should -Not -BeNullOrEmpty
        $r.Reason | Should -Match '^What if: .*Nothing was registered, logged or deployed'
    }
}

Describe 'One run per model at a time' {
    BeforeAll {
        # A child pwsh takes the model's lease through the store and holds it until killed.
        $script:leaseStore = Join-Path $TestDrive 'store'
        $script:holderScript = Join-Path $TestDrive 'hold-lease.ps1'
        Set-Content $holderScript @"
Import-Module '$env:RETRAIN_TEST_MODULE'
`$engine = (Get-Command Get-ModelVersion).OutputType[0].Type.Assembly
`$store = `$engine.GetType('Retrain.Engine.Store.FileStore.FileRetrainStore')::new('$leaseStore', [NullString]::Value)
`$holder = `$null
`$lease = `$store.TryAcquirePipelineLease('$model', [ref] `$holder)
if (`$null -eq `$lease) { 'not acquired'; exit 1 }
'held'
Start-Sleep -Seconds 300
"@
    }

    It 'returns Skipped at once, naming the holder''s machine and start time, and runs again as soon as the holder is killed' {
        $start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in $env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $holderScript) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $child = [Diagnostics.Process]::Start($start)
        try {
            $child.StandardOutput.ReadLine() | Should -Be 'held'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $cool = New-RetrainConfig @{ 'pipeline.cooldown_days' = 30 }
            $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $cool
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $r.Status | Should -Be Skipped
            $r.LeaseHolder.Machine | Should -Be ([Environment]::MachineName)
            $r.LeaseHolder.Pid | Should -Be $child.Id
            $r.LeaseHolder.Since | Should -BeGreaterThan ([datetimeoffset]::UtcNow.AddMinutes(-5))
            $r.Reason | Should -Match "pid $($child.Id) on $([regex]::Escape([Environment]::MachineName))"
            (Get-RetrainRun -RunId $r.RunId).Tags.status | Should -Be Skipped
        }
        finally { $child.Kill(); $child.WaitForExit() }
        $again = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $cool
        $again.Status | Should -Not -Be Skipped
    }
}

Describe 'Invoke-Retraining | Publish-ProductionModel' {
    BeforeAll { $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store-publish') }

    It 'publishes the candidate a Retrained run left registered, against the champion it was compared with' {
        $null = Invoke-Retraining -Reason 'bootstrap' -DataPath $data[12] -ConfigPath $weak
        $registerOnly = New-RetrainConfig @{ 'pipeline.auto_deploy' = 'false' }
        $r = Invoke-Retraining -Scheduled -DataPath $data[60] -ConfigPath $registerOnly
        $r.Status | Should -Be Retrained
        $r.Reason | Should -Match 'publish it with Publish-ProductionModel'
        $r.ExpectedCurrentVersion | Should -Be 1   # what Publish-ProductionModel binds: the champion compared against
        Get-Production | Should -Be 1
        $d = $r | Publish-ProductionModel -Force -ConfigPath $registerOnly
        $d.ModelVersion | Should -Be 2
        $d.PreviousVersion | Should -Be 1
        Get-Production | Should -Be 2
    }
}

Describe 'Stopping a run' {
    It 'ends a job on Stop-Job with the pipeline run and its training Killed, and frees the lease' {
        $store = 'file:' + (Join-Path $TestDrive 'store-stop')
        $long = New-RetrainConfig @{ 'training.number_of_trees' = 20000 }
        $job = Start-Job -ArgumentList $env:RETRAIN_TEST_MODULE, $store, $data[12], $long {
            param($Module, $Store, $Data, $Config)
            $env:RETRAIN_STORE_URI = $Store
            Import-Module $Module
            Invoke-Retraining -Reason 'a long one' -DataPath $Data -ConfigPath $Config
        }
        $env:RETRAIN_STORE_URI = $store
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not @(Get-RetrainRun -Experiment automated_retraining -Status Running -ErrorAction SilentlyContinue).Count -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Start-Sleep -Milliseconds 500
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $job
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally { Remove-Job $job -Force }
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        do { $runs = @(Get-RetrainRun -Experiment retraining_pipeline, automated_retraining); Start-Sleep -Milliseconds 200 }
        while (($runs.Status -contains 'Running') -and [DateTime]::UtcNow -lt $deadline)
        $runs.Count | Should -Be 2
        @($runs | ForEach-Object { "$($_.Status)" } | Sort-Object -Unique) | Should -Be 'Killed'
        @(Get-ModelVersion $model -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        (Invoke-Retraining -Scheduled -DataPath $data[12] -ConfigPath $weak).Status | Should -Be Deployed
    }
}
