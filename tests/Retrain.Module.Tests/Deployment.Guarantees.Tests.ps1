# Issue 14's guarantees with real processes: writers racing to publish and roll back, and writers SIGKILLed at random
# moments, never leave a model with two Production versions (or, once one was published, none), and the history
# always agrees with the registry. The writers are the harness's deploy-loop (the deployment workflow the cmdlets call,
# in a small process of its own: cheaper to start than PowerShell with the module, so the suite can afford hundreds).
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
    $trained = $rows | Invoke-ModelTraining -ModelName race -Trainer Sdca
    $script:folder = Export-TestModelFolder $trained (Join-Path $TestDrive 'model')
    2..4 | ForEach-Object { Register-ModelVersion -Path $folder -Name race | Out-Null }
    1..4 | ForEach-Object { Register-ModelVersion -Path $folder -Name crash | Out-Null }

    function Start-DeployLoop([string] $Model, [double] $Seconds, [int] $Seed, [int] $StepDelayMs = 0) {
        $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @($harness.FullName, 'deploy-loop', $store, $Model, '4', "$Seconds", "$Seed")) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        if ($StepDelayMs -gt 0) { $start.Environment['RETRAIN_TEST_STEP_DELAY_MS'] = "$StepDelayMs" }
        [Diagnostics.Process]::Start($start)
    }
    # What the registry says now: the Production versions, and the version the history last put in Production.
    function Get-ProductionState([string] $Model) {
        $production = @(Get-ModelVersion $Model | Where-Object Stage -eq Production | ForEach-Object Version)
        $last = Get-DeploymentHistory $Model | Where-Object Stage -eq Production | Select-Object -Last 1
        [pscustomobject]@{ Production = $production; HistoryLast = $last.Version }
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Eight writers publishing and rolling back one model for 30 s' {
    BeforeAll {
        $writers = 1..8 | ForEach-Object { Start-DeployLoop race 30 $_ }
        $outputs = $writers | ForEach-Object { $_.StandardOutput.ReadToEndAsync() }
        $script:reads = 0
        $script:badReads = [Collections.Generic.List[string]]::new()
        $seenOne = $false
        while (@($writers | Where-Object { -not $_.HasExited }).Count -gt 0) {
            $count = @(Get-ModelVersion race | Where-Object Stage -eq Production).Count
            $reads++
            if ($count -eq 1) { $seenOne = $true }
            elseif ($count -gt 1 -or $seenOne) { $badReads.Add("read $reads saw $count Production versions") }
            Start-Sleep -Milliseconds 50
        }
        $writers | ForEach-Object { $_.WaitForExit() }
        $script:exitCodes = @($writers | ForEach-Object ExitCode)
        $script:lines = @($outputs | ForEach-Object { $_.Result -split "`n" } | Where-Object { $_ })
        $script:history = @(Get-DeploymentHistory race)
    }

    It 'every writer ran to the end and most changes went through' {
        $exitCodes | Should -Be (@(0) * 8)
        @($lines | Where-Object { $_ -like 'ok *' }).Count | Should -BeGreaterThan 20
    }

    It 'every read saw exactly one Production version (none only before the first publish)' {
        $reads | Should -BeGreaterThan 20
        $badReads | Should -BeNullOrEmpty
    }

    It 'every change that returned success is in the history, with its version' {
        $bySequence = @{}
        foreach ($h in $history) { $bySequence[[long]$h.Sequence] = $h }
        foreach ($line in $lines | Where-Object { $_ -match '^ok (\d+) (Deployed|RolledBack) (\d+)$' }) {
            $null = $line -match '^ok (\d+) (\w+) (\d+)$'
            $bySequence.ContainsKey([long]$Matches[1]) | Should -BeTrue -Because "'$line' returned success"
            $bySequence[[long]$Matches[1]].Version | Should -Be ([int]$Matches[3])
        }
    }

    It 'the history replays to the final state' {
        $state = Get-ProductionState race
        $state.Production.Count | Should -Be 1
        $state.HistoryLast | Should -Be $state.Production[0]
        # Replaying the promotions: each one archives the one before it, so the stages follow from the history alone.
        $expected = @{}
        foreach ($h in $history) {
            foreach ($a in $h.Archived) { $expected[$a] = 'Archived' }
            $expected[$h.Version] = "$($h.Stage)"
        }
        foreach ($v in Get-ModelVersion race) { "$($v.Stage)" | Should -Be ($expected[$v.Version] ?? 'None') -Because "version $($v.Version)" }
    }
}

Describe '200 writers SIGKILLed at random moments' {
    It 'leave the registry openable with one Production version (none before the first publish) that the history agrees with' {
        $random = [Random]::new(14)
        $problems = [Collections.Generic.List[string]]::new()
        $published = $false
        for ($i = 1; $i -le 200; $i++) {
            # Every other writer pauses between the event line and the head it writes next, so kills land there too.
            $writer = Start-DeployLoop crash 0 $i ($i % 2 * 40)
            $null = $writer.StandardOutput.ReadLine() # ready
            # Half the kills wait for the writer's first completed change (the model loaded, changes flowing), so
            # they fall among changes even on a loaded machine; the others may fall anywhere from the start.
            if ($i % 4 -lt 2) { $null = $writer.StandardOutput.ReadLineAsync().Wait(5000) }
            Start-Sleep -Milliseconds ($random.Next(0, 400))
            $writer.Kill()
            $writer.WaitForExit()
            $state = Get-ProductionState crash
            if ($state.Production.Count -eq 1) { $published = $true }
            if ($state.Production.Count -gt 1 -or ($published -and $state.Production.Count -ne 1)) { $problems.Add("kill $i left Production = $($state.Production -join ',')") }
            elseif ($state.Production.Count -eq 1 -and $state.HistoryLast -ne $state.Production[0]) { $problems.Add("kill $i left Production $($state.Production) but the history says $($state.HistoryLast)") }
        }
        $problems | Should -BeNullOrEmpty
        $published | Should -BeTrue -Because 'some writers got as far as a publish before they were killed'
        $changes = @(Get-DeploymentHistory crash).Count
        $killedRuns = @(Get-RetrainRun -Experiment model_deployment | Where-Object Status -in Killed, Running).Count
        Write-Host "200 kills: $changes changes went through; $killedRuns deployment runs were cut short"
        $changes | Should -BeGreaterThan 20 -Because 'the kills must fall among real changes, not only before the first'
    }
}
