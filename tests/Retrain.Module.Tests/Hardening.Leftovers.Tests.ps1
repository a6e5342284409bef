# Issue 13 item 10: what killed processes leave in a store. Real processes are started and killed with SIGKILL
# mid-run: small ones (the harness's hold-run, a tracked run waiting to be killed) for the many kills, and PowerShell
# registering a model for the kills during a registration. Then the next writer and Repair-RetrainStore clean up.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:store = Join-Path $TestDrive 'store'
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = "file:$store"
    $script:harness = Get-ChildItem (Join-Path (Get-RepoRoot) 'tests/Retrain.Benchmarks/bin/*/net8.0/Retrain.Benchmarks.dll') |
        Sort-Object LastWriteTime | Select-Object -Last 1
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 4)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $script:trained = $rows | Invoke-ModelTraining -ModelName pm -Trainer Sdca
    # A model folder with a large file, so that copying and hashing it take long enough to be killed in the middle.
    $script:bigModel = Export-TestModelFolder $trained (Join-Path $TestDrive 'big-model')
    $filler = [IO.File]::Create((Join-Path $bigModel 'zz-weights.bin'))
    try { $filler.SetLength(200MB) } finally { $filler.Dispose() }

    # Starts a process; its standard output is read line by line.
    function Start-Child([string] $File, [string[]] $Arguments) {
        $start = [Diagnostics.ProcessStartInfo]::new($File)
        foreach ($a in $Arguments) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        [Diagnostics.Process]::Start($start)
    }
    function Stop-Child([Diagnostics.Process] $Child) {
        $Child.Kill()   # SIGKILL on Unix: nothing of the process runs after it
        $Child.WaitForExit()
    }
    # A tracked run in a small process of its own, Running until the process is killed; it prints the run id.
    function Start-HeldRun { Start-Child 'dotnet' @($harness.FullName, 'hold-run', $store, 'held') }
    # PowerShell registering the big model folder; killed as soon as $KillWhen (given the new run's model folder) is true.
    function Invoke-KilledRegistration([scriptblock] $KillWhen) {
        $before = @(Get-ChildItem (Join-Path $store 'runs') -Directory -Force | ForEach-Object Name)
        $script = Join-Path $TestDrive "register-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content $script "`$env:RETRAIN_STORE_URI = 'file:$store'`nImport-Module '$env:RETRAIN_TEST_MODULE'`nRegister-ModelVersion -Path '$bigModel' -Name pm-big | Out-Null`n'registered'"
        $child = Start-Child ([Environment]::ProcessPath) @($env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $script)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $runId = $null
        while (-not $child.HasExited -and $clock.Elapsed.TotalSeconds -lt 30) {
            $runId = @(Get-ChildItem (Join-Path $store 'runs') -Directory | Where-Object Name -notin $before | ForEach-Object Name)[0]
            if ($runId -and (& $KillWhen (Join-Path $store "runs/$runId/artifacts/model"))) { break }
            Start-Sleep -Milliseconds 5
        }
        $exited = $child.HasExited
        Stop-Child $child
        $exited | Should -BeFalse -Because 'the registration must be killed before it ends'
        $runId
    }
    # touch -d: the leftovers of a kill an hour and more ago.
    function Set-Old([string] $Path) { & find $Path -exec touch -d '2 hours ago' '{}' + ; $LASTEXITCODE | Should -Be 0 }
    # Repair-RetrainStore -WhatIf in a fresh pwsh (its "What if:" lines go to the host, here its output), run before and
    # after the leftovers under $Age are made two hours old: one process start for both.
    function Get-WhatIf([string] $Age) {
        $r = Invoke-FreshPwsh "`$env:RETRAIN_STORE_URI = 'file:$store'`nImport-Module '$env:RETRAIN_TEST_MODULE'`nRepair-RetrainStore -WhatIf`n'-- aged --'`n& find '$Age' -exec touch -d '2 hours ago' '{}' +`nRepair-RetrainStore -WhatIf"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $young, $old = ($r.Output -join "`n") -split '-- aged --'
        [pscustomobject]@{ Young = $young; Old = $old }
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Runs killed mid-run (item 10)' -Tag FileStore {
    It '20 runs whose processes were SIGKILLed are marked Killed by the next writer; a live run is left alone' {
        $harness | Should -Not -BeNullOrEmpty -Because 'the solution build produces tests/Retrain.Benchmarks'
        $children = @(1..21 | ForEach-Object { Start-HeldRun })
        $ids = @($children | ForEach-Object { $_.StandardOutput.ReadLine() })
        $ids | Should -Match '^[0-9a-f]{32}$'
        $live, $doomed = $children[0], $children[1..20]
        foreach ($child in $doomed) { Stop-Child $child }
        try {
            @(Get-RetrainRun -Status Running).Count | Should -Be 21 -Because 'reading changes nothing'

            Write-RetrainRun -Experiment scratch -Metric @{ x = 1 } -WarningVariable warned 3>$null | Out-Null

            $warned -join "`n" | Should -Match '20 run\(s\) left Running by a process that has ended were marked Killed'
            $killed = @(Get-RetrainRun -Status Killed)
            ($killed.RunId | Sort-Object) | Should -Be ($ids[1..20] | Sort-Object)
            foreach ($run in $killed) {
                $run.EndTime | Should -Not -BeNullOrEmpty
                $ownerPid = $doomed[$ids.IndexOf($run.RunId) - 1].Id
                $run.ErrorMessage | Should -Match "pid $ownerPid on $([regex]::Escape([Environment]::MachineName)).* ended while the run was Running"
            }
            (Get-RetrainRun -Status Running).RunId | Should -Be $ids[0]
            @(Get-ChildItem (Join-Path $store 'running') -File).Name | Should -Be $ids[0] -Because 'only the live run keeps its marker'
        }
        finally {
            Stop-Child $live
            Repair-RetrainStore | Out-Null   # the next tests count what they leave themselves
        }
    }
}

Describe 'A registration killed after its copy (item 10)' -Tag FileStore {
    BeforeAll {
        $script:copyRun = Invoke-KilledRegistration { param($folder) Test-Path (Join-Path $folder 'zz-weights.bin') }
        $script:copy = Join-Path $store "runs/$copyRun/artifacts/model"
    }

    It 'leaves a Running run holding an unregistered copy, which Repair-RetrainStore -WhatIf lists without changing anything' {
        (Get-RetrainRun -RunId $copyRun).Status | Should -Be 'Running'
        Get-ModelVersion pm-big -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $before = @(Get-TestStoreSnapshot)
        $whatIf = Get-WhatIf -Age $copy
        $whatIf.Young | Should -Match "What if: .*Mark the run Killed .*runs:/$copyRun"
        $whatIf.Young | Should -Not -Match 'model copy' -Because 'a copy changed within the hour may still be being written'
        $whatIf.Old | Should -Match "What if: .*Mark the run Killed .*runs:/$copyRun"
        $whatIf.Old | Should -Match "What if: .*Remove the model copy, 2\d\d(\.\d)? MB .*runs:/$copyRun/model"
        @(Get-TestStoreSnapshot) | Should -Be $before -Because 'the files are as they were (only their times were set back)'
        (Get-RetrainRun -RunId $copyRun).Status | Should -Be 'Running'
    }

    It 'Repair-RetrainStore marks the run Killed and removes the copy; registered models are untouched' {
        $done = @(Repair-RetrainStore)
        ($done | ForEach-Object { "$($_.Kind) $($_.Target) $($_.Done)" }) | Should -Be @("KilledRun runs:/$copyRun True", "OrphanModelCopy runs:/$copyRun/model True")
        ($done | Where-Object Kind -eq OrphanModelCopy).Bytes | Should -BeGreaterThan 200MB
        (Get-RetrainRun -RunId $copyRun).Status | Should -Be 'Killed'
        Test-Path $copy | Should -BeFalse
        @(Get-RetrainRunArtifact -RunId $copyRun) | Should -BeNullOrEmpty
        (Get-ModelVersion pm -Version 1 | Save-ModelVersion -Destination (Join-Path $TestDrive 'export') -Force) | Should -Not -BeNullOrEmpty
        @(Repair-RetrainStore) | Should -BeNullOrEmpty -Because 'nothing is left to repair'
    }
}

Describe 'A registration killed while copying (item 10)' -Tag FileStore {
    It 'leaves temporary files: those older than an hour are removed, newer ones kept' {
        $run = Invoke-KilledRegistration { param($folder) @(Get-ChildItem $folder -Force -Filter '.retrain-tmp-*' -ErrorAction SilentlyContinue | Where-Object Length -gt 50MB).Count -gt 0 }
        $folder = Join-Path $store "runs/$run/artifacts/model"
        $temps = @(Get-ChildItem $folder -Force -File)
        $temps.Count | Should -BeGreaterThan 0
        $temps.Name | Should -Match '^\.retrain-tmp-[0-9a-f]{32}$' -Because 'nothing was published: the copy stopped halfway'
        Set-Old $folder
        $fresh = New-Item (Join-Path $store ".retrain-tmp-$([guid]::NewGuid().ToString('n'))") -Value 'a write in progress'
        $oldRoot = New-Item (Join-Path $store ".retrain-tmp-$([guid]::NewGuid().ToString('n'))") -Value 'a write killed long ago'
        Set-Old $oldRoot.FullName

        $done = @(Repair-RetrainStore)
        $done | ForEach-Object { $_.Done | Should -BeTrue -Because $_.Detail }
        ($done | Where-Object Kind -eq KilledRun).Target | Should -Be "runs:/$run"
        ($done | Where-Object Kind -eq OrphanTempFile).Target | Sort-Object | Should -Be (@($temps.FullName) + $oldRoot.FullName | Sort-Object)
        Get-ChildItem $folder -Force -File | Should -BeNullOrEmpty
        Test-Path $oldRoot.FullName | Should -BeFalse
        Test-Path $fresh.FullName | Should -BeTrue -Because 'a temporary file younger than an hour may belong to a live write'
        (Get-RetrainRun -RunId $run).Status | Should -Be 'Killed'
    }
}
