# Ctrl+C and Stop-Job reach engine work in flight: a real child process gets SIGINT in the middle of a long
# training, ends soon, and leaves no run Running in the store (the run is ended as Killed).
BeforeAll {
    $script:savedStore = $env:RETRAIN_STORE_URI
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    # 20,000 trees on FD001 take minutes: long enough to be interrupted mid-fit.
    $script:config = New-TestConfig -Folder $TestDrive -Yaml "training:`n  number_of_trees: 20000`n"
    $script:data = Get-CmapssPath train_FD001

    function Wait-RunningRun([string] $StoreUri, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            $env:RETRAIN_STORE_URI = $StoreUri
            $running = @(Get-RetrainRun -Experiment automated_retraining -Status Running -ErrorAction SilentlyContinue)
            if ($running.Count -gt 0) { return $running[0] }
            Start-Sleep -Milliseconds 200
        }
        throw "no training run started within $Seconds s"
    }
}

AfterAll { $env:RETRAIN_STORE_URI = $script:savedStore }

Describe 'Cancelling a long training' {
    It 'ends a child pwsh soon after SIGINT, with the run ended as Killed' {
        $store = 'file:' + (Join-Path $TestDrive 'sigint-store')
        $script = Join-Path $TestDrive 'train.ps1'
        Set-Content $script @"
`$env:RETRAIN_STORE_URI = '$store'
Import-Module '$env:RETRAIN_TEST_MODULE'
Invoke-ModelTraining -TrainingPath '$data' -ModelName sigint -ConfigPath '$config' | Out-Null
'finished'
"@
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in @($env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $script)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $child = [Diagnostics.Process]::Start($psi)
        try {
            $run = Wait-RunningRun $store
            Start-Sleep -Milliseconds 500          # into the fit itself
            & kill -INT $child.Id
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $child.WaitForExit(30000) | Should -BeTrue -Because 'the child must stop within 30 s of SIGINT'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
            $child.StandardOutput.ReadToEnd() | Should -Not -Match 'finished'
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
        $env:RETRAIN_STORE_URI = $store
        @(Get-RetrainRun -Experiment automated_retraining -Status Running) | Should -BeNullOrEmpty
        (Get-RetrainRun -Experiment automated_retraining | Where-Object RunId -eq $run.RunId).Status | Should -Be 'Killed'
        @(Get-ModelVersion -Name sigint -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty -Because 'a cancelled training registers nothing'
    }

    It 'ends a job on Stop-Job, with the run ended as Killed' {
        $store = 'file:' + (Join-Path $TestDrive 'job-store')
        $job = Start-Job -ScriptBlock {
            param($module, $store, $data, $config)
            $env:RETRAIN_STORE_URI = $store
            Import-Module $module
            Invoke-ModelTraining -TrainingPath $data -ModelName stopjob -ConfigPath $config | Out-Null
        } -ArgumentList $env:RETRAIN_TEST_MODULE, $store, $data, $config
        try {
            $run = Wait-RunningRun $store
            Start-Sleep -Milliseconds 500
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $job
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally { Remove-Job $job -Force }
        $env:RETRAIN_STORE_URI = $store
        # The job's process may still be writing the run's end: give it a moment, bounded.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        do { $status = (Get-RetrainRun -Experiment automated_retraining | Where-Object RunId -eq $run.RunId).Status; Start-Sleep -Milliseconds 200 }
        while ("$status" -eq 'Running' -and [DateTime]::UtcNow -lt $deadline)
        "$status" | Should -Be 'Killed'
    }
}
