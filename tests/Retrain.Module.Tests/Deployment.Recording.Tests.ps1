# Issue 14's crash guarantee for the prediction log: a process recording predictions (Invoke-ModelPrediction -Record on a
# Production version with a shadow and a canary) SIGKILLed at random moments never leaves half a line or a batch out of
# order, every batch it reported is whole, the log still reads and joins (Compare-Model -Shadow, a canary gate on the
# recorded outcomes), and the registry is untouched. The writer is the harness's record-loop (the scoring and recording
# Invoke-ModelPrediction calls, in a small process of its own: cheaper to start than PowerShell with the module).
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
    $trained = $rows | Invoke-ModelTraining -ModelName rec -Trainer Sdca
    $folder = Export-TestModelFolder $trained (Join-Path $TestDrive 'model')
    2..3 | ForEach-Object { Register-ModelVersion -Path $folder -Name rec | Out-Null }
    Publish-ProductionModel -Name rec -Version 1 -Force | Out-Null
    Publish-ProductionModel -Name rec -Version 2 -Strategy Shadow -Force | Out-Null
    Publish-ProductionModel -Name rec -Version 3 -Strategy Canary -Force | Out-Null   # 10%: unit 2 (bucket 0) is on it
    # What each batch scores: 60 cycles of units 1-3, and the same rows with their outcome.
    $batchRows = @($rows | Where-Object { $_.unit -le 3 -and $_.cycle -le 60 })
    $script:scoredCsv = Export-TestCsv @($batchRows | Select-Object * -ExcludeProperty rul) (Join-Path $TestDrive 'scored.csv')
    $script:outcomes = Export-TestCsv $batchRows (Join-Path $TestDrive 'outcomes.csv')
    $script:rowCount = $batchRows.Count
    # The lines of one whole batch, in the order they are written: each row's Production prediction, the shadow's, and
    # the canary's on its machine's rows.
    $script:expected = @(foreach ($r in $batchRows) {
            "$($r.unit)|$($r.cycle)|production"
            "$($r.unit)|$($r.cycle)|shadow"
            if ($r.unit -eq 2) { "$($r.unit)|$($r.cycle)|canary" }
        })

    function Start-RecordLoop([int] $Seed) {
        $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @($harness.FullName, 'record-loop', $store, 'rec', $scoredCsv, '20', "$Seed")) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        [Diagnostics.Process]::Start($start)
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Recording predictions while being SIGKILLed at random moments' -Tag FileStore {
    It 'leaves only whole lines and whole batches or their first part, a log that reads and joins, and the registry unchanged' {
        $random = [Random]::new(14)
        $registry = @(Get-TestRegistryBytes)
        $problems = [Collections.Generic.List[string]]::new()
        $offsets = @{}   # per log file: where the lines not checked yet start
        $whole = 0; $cut = 0; $tornTails = 0; $reported = 0
        for ($i = 1; $i -le 30; $i++) {
            $writer = Start-RecordLoop $i
            $null = $writer.StandardOutput.ReadLine() # ready: the models are loaded
            # Half the kills wait for the first batch recorded (scoring warmed up, batches flowing), so they fall among
            # batches even on a loaded machine; the others may fall anywhere from the start.
            $first = if ($i % 2) { $writer.StandardOutput.ReadLineAsync() }
            if ($first) { $null = $first.Wait(5000) }
            Start-Sleep -Milliseconds ($random.Next(0, 300))
            $stdout = $writer.StandardOutput.ReadToEndAsync()
            $writer.Kill()
            $writer.WaitForExit()
            $okBatches = @(@($first.Result) + ($stdout.Result -split "`n") | Where-Object { $_ -match '^ok ' } | ForEach-Object { ($_ -split ' ')[1] })
            $reported += $okBatches.Count

            # The new lines, as they are on disk: every line but a torn last one is whole JSON, each batch in order.
            $batches = [ordered]@{}
            foreach ($file in Get-ChildItem (Join-Path $store 'predictions') -Recurse -Filter *.jsonl) {
                $bytes = [IO.File]::ReadAllBytes($file.FullName)
                $from = [long]($offsets[$file.FullName] ?? 0)
                $end = [Array]::LastIndexOf($bytes, [byte]10) + 1
                if ($end -lt $bytes.Length) { $tornTails++ }
                if ($end -gt $from) {
                    $text = [Text.Encoding]::UTF8.GetString($bytes, $from, $end - $from)
                    foreach ($line in $text.Split("`n") | Where-Object { $_ }) {
                        try { $e = $line | ConvertFrom-Json }
                        catch { $problems.Add("kill ${i}: a line of $($file.Name) is not JSON: $line"); continue }
                        if (-not $batches.Contains($e.batch_id)) { $batches[$e.batch_id] = [Collections.Generic.List[string]]::new() }
                        $batches[$e.batch_id].Add("$($e.equipment_id)|$($e.cycle)|$("$($e.role)".ToLowerInvariant())")
                    }
                }
                $offsets[$file.FullName] = $end
            }
            $ids = @($batches.Keys)
            for ($b = 0; $b -lt $ids.Count; $b++) {
                $lines = $batches[$ids[$b]]
                $prefix = @($expected | Select-Object -First $lines.Count)
                if (($lines -join ',') -ne ($prefix -join ',')) { $problems.Add("kill ${i}: batch $($ids[$b]) is not the batch's lines in order") }
                if ($lines.Count -eq $expected.Count) { $whole++ }
                elseif ($b -lt $ids.Count - 1) { $problems.Add("kill ${i}: batch $($ids[$b]) is cut short but another batch follows it") }
                else { $cut++ }
            }
            foreach ($id in $okBatches) {
                if (-not $batches.Contains($id) -or $batches[$id].Count -ne $expected.Count) { $problems.Add("kill ${i}: batch $id was reported recorded but is not whole in the log") }
            }

            # The log reads and joins as Compare-Model -Shadow reads it (a torn last line is skipped, then cut off).
            if ($whole -gt 0) {
                $report = Compare-Model -Shadow -Name rec -TestPath $outcomes -NoLog -WarningAction SilentlyContinue
                if ($report.ShadowJoin.JoinedRows -ne $rowCount) { $problems.Add("kill ${i}: the shadow join found $($report.ShadowJoin.JoinedRows) of $rowCount rows") }
            }
            if ((@(Get-TestRegistryBytes) -join ',') -ne ($registry -join ',')) { $problems.Add("kill ${i}: the registry changed") }
        }
        Write-Host "30 kills: $whole whole batches, $cut cut short, $tornTails torn last lines, $reported reported by the writers"
        $problems | Should -BeNullOrEmpty
        $whole | Should -BeGreaterThan 30 -Because 'the kills must fall among batches being written, not only before the first'
        # The canary's gate joins the same log: Production's and the canary's predictions of unit 2's rows.
        $gate = Step-ModelDeployment rec -Path $outcomes -Recorded -WhatIf -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] } |
            Where-Object Message -like 'Gate *' | Select-Object -First 1
        "$gate" | Should -BeLike "Gate Inconclusive: *60 labelled rows of the canary's equipment*1 machine among them*" -Because 'the gate joined each recorded row of the canary''s machine once (one machine is too few to judge)'
        (Get-ProductionModel rec).Canary.Version | Should -Be 3
        @(Get-TestRegistryBytes) | Should -Be $registry
    }
}
