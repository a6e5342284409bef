BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:store = Join-Path $TestDrive 'store'
    # A throwaway store for this file; the previous value is put back afterwards, so later files keep theirs.
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = "file:$store"
    $script:fd001 = Get-CmapssPath train_FD001
    $script:small = @(Import-CmapssObject train_FD001 | Where-Object unit -le 12)
    foreach ($r in $small) { $r | Add-Member rul 0 }
    foreach ($g in $small | Group-Object unit) { $max = ($g.Group | Measure-Object cycle -Maximum).Maximum; foreach ($r in $g.Group) { $r.rul = $max - $r.cycle } }
    $script:first = $small | Invoke-ModelTraining -ModelName pm -Description 'first'
    $script:modelFolder = Export-TestModelFolder $first (Join-Path $TestDrive 'exported-model')
    # Root-mean-square error of predictions against the rows' own rul, and of always predicting the mean rul:
    # figures computed here, independent of the engine's metrics.
    $mean = ($small | Measure-Object rul -Average).Average
    $script:baselineRmse = [math]::Sqrt((($small | ForEach-Object { ($_.rul - $mean) * ($_.rul - $mean) }) | Measure-Object -Sum).Sum / $small.Count)
    function Get-TestRmse($scored) {
        $sum = 0.0
        for ($i = 0; $i -lt $scored.Count; $i++) { $d = $scored[$i].Prediction - $small[$i].rul; $sum += $d * $d }
        [math]::Sqrt($sum / $scored.Count)
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Training inside the module' {
    It 'trains and predicts with <_> (its native libraries load in the module''s context)' -ForEach @('FastTree', 'LightGbm', 'FastForest', 'Sdca') {
        $v = $small | Invoke-ModelTraining -ModelName "pm-$_" -Trainer $_
        $v.PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Registry.ModelVersion'
        $v.Version | Should -Be 1
        $v.Stage | Should -Be 'None'
        $v.Tags.trainer | Should -Be $_
        $v.Source | Should -Be "runs:/$($v.RunId)/model"
        # The model learnt something: on held-out units and on its own rows it beats always predicting the mean rul.
        $v.Metrics.rmse | Should -BeLessThan $baselineRmse
        $scored = @($small | Invoke-ModelPrediction -ModelUri $v.Uri)
        $scored.Count | Should -Be $small.Count
        Get-TestRmse $scored | Should -BeLessThan $baselineRmse
        $scored[0].ModelVersion | Should -Be $v.Uri
        $scored[0].unit | Should -Be 1
        $scored[0].cycle | Should -Be 1
    }

    It 'logs the training run with parameters, metrics and the model artifact' {
        $run = Get-RetrainRun -RunId $first.RunId
        $run.ExperimentName | Should -Be 'automated_retraining'
        $run.Status | Should -Be 'Finished'
        $run.Params.trainer | Should -Be 'FastTree'
        $run.Params.split_by | Should -Be 'unit'
        $run.Metrics.rmse | Should -Be $first.Metrics.rmse
        $run.Tags.model_version | Should -Be '1'
    }

    It 'resolves every URI form to the same model' {
        Set-ModelVersion pm 1 -Alias champion -Force
        $byVersion = Invoke-ModelPrediction -ModelUri models:/pm/1 -Data $small[0]
        $byAlias = Invoke-ModelPrediction -ModelUri models:/pm@champion -Data $small[0]
        $byRun = Invoke-ModelPrediction -ModelUri "runs:/$($first.RunId)/model" -Data $small[0]
        $byFolder = Invoke-ModelPrediction -ModelUri $modelFolder -Data $small[0]
        $byAlias.Prediction | Should -Be $byVersion.Prediction
        $byRun.Prediction | Should -Be $byVersion.Prediction
        $byFolder.Prediction | Should -Be $byVersion.Prediction
    }
}

Describe 'Registry errors name what is missing' {
    It 'an unknown <Kind>' -ForEach @(
        @{ Kind = 'model'; Uri = 'models:/nope/1'; Pattern = 'nope' }
        @{ Kind = 'version'; Uri = 'models:/pm/999'; Pattern = '999' }
        @{ Kind = 'stage'; Uri = 'models:/pm/Production'; Pattern = 'Production' }
        @{ Kind = 'alias'; Uri = 'models:/pm@ghost'; Pattern = 'ghost' }
    ) {
        $err = { Invoke-ModelPrediction -ModelUri $Uri -Data $small[0] } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match $Pattern
    }

    It 'Get-ModelVersion reports a missing version without stopping the others' {
        $found = Get-ModelVersion -Name pm -Version 1, 999 -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.Version | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'a model name that would escape the store is refused' {
        $err = { Register-ModelVersion -Path $modelFolder -Name '../../etc' -ErrorAction Stop } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path $store '../../etc') | Should -BeFalse
    }

    It 'Get-ProductionModel says when nothing is in production' {
        $err = { Get-ProductionModel -Name pm -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match "no version in Production"
    }
}

Describe '-WhatIf leaves the store byte-identical' {
    BeforeAll {
        # Two versions of a model of its own, an alias on the first and a tag, so each case has something to change.
        Register-ModelVersion -Path $modelFolder -Name whatif | Out-Null
        Register-ModelVersion -Path $modelFolder -Name whatif | Out-Null
        Set-ModelVersion whatif 1 -Alias base -Tag @{ kept = 'yes' } -Force
        Publish-ProductionModel -Name whatif -Version 1 -Force | Out-Null
        Request-TestApproval whatif 2 -ExpectedCurrentVersion 1 | Out-Null
        # Something for Repair-RetrainStore to repair: a temporary file a killed write left two hours ago.
        $leftover = New-Item (Join-Path (Get-TestFileStoreRoot) ".retrain-tmp-$([guid]::NewGuid().ToString('n'))") -Value 'half a file'
        $leftover.LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-2)
    }

    It '<Name>' -ForEach @(
        @{ Name = 'Invoke-ModelTraining from objects'; Action = { $small | Invoke-ModelTraining -ModelName whatif -WhatIf } }
        @{ Name = 'Invoke-ModelTraining from a file'; Action = { Invoke-ModelTraining -TrainingPath (Get-CmapssPath train_FD001) -ModelName whatif-file -WhatIf } }
        @{ Name = 'Register-ModelVersion (existing model)'; Action = { Register-ModelVersion -Path $modelFolder -Name whatif -WhatIf } }
        @{ Name = 'Register-ModelVersion (new model)'; Action = { Register-ModelVersion -Path $modelFolder -Name whatif-new -WhatIf } }
        @{ Name = 'Set-ModelVersion -Alias (new alias)'; Action = { Set-ModelVersion whatif 2 -Alias fresh -WhatIf } }
        @{ Name = 'Set-ModelVersion -Alias -Force (moving one)'; Action = { Set-ModelVersion whatif 2 -Alias base -Force -WhatIf } }
        @{ Name = 'Set-ModelVersion -RemoveAlias'; Action = { Set-ModelVersion whatif 1 -RemoveAlias base -WhatIf } }
        @{ Name = 'Set-ModelVersion -Description -Tag -Reason'; Action = { Set-ModelVersion whatif 1 -Description 'changed' -Tag @{ x = 'y' } -Reason 'r' -WhatIf } }
        @{ Name = 'Set-ModelVersion -RemoveTag'; Action = { Set-ModelVersion whatif 1 -RemoveTag kept -WhatIf } }
        @{ Name = 'Set-ModelVersion from the pipeline'; Action = { Get-ModelVersion whatif | Set-ModelVersion -Description 'piped' -WhatIf } }
        @{ Name = 'Remove-ModelVersion -Force from the pipeline'; Action = { Get-ModelVersion whatif -Version 2 | Remove-ModelVersion -Force -WhatIf } }
        @{ Name = 'Remove-RetrainRun -Force from the pipeline (runs that back a version are refused)'; Action = { Get-RetrainRun | Remove-RetrainRun -Force -WhatIf -ErrorAction SilentlyContinue } }
        @{ Name = 'Save-ModelVersion'; Action = { Save-ModelVersion whatif 1 (Join-Path $TestDrive 'whatif-export') -WhatIf } }
        @{ Name = 'Repair-RetrainStore (an old temporary file)'; Action = { Repair-RetrainStore -WhatIf } }
        @{ Name = 'Publish-ProductionModel'; Action = { Publish-ProductionModel -Name whatif -Version 2 -WhatIf } }
        @{ Name = 'Publish-ProductionModel -Force from the pipeline'; Action = { Get-ModelVersion whatif -Version 2 | Publish-ProductionModel -Force -WhatIf } }
        @{ Name = 'Undo-ModelDeployment -ToVersion'; Action = { Undo-ModelDeployment whatif -ToVersion 2 -Force -WhatIf } }
        @{ Name = 'Publish-ProductionModel -Strategy Canary -Force'; Action = { Publish-ProductionModel -Name whatif -Version 2 -Strategy Canary -Force -WhatIf } }
        @{ Name = 'Approve-ModelDeployment'; Action = { Approve-ModelDeployment whatif 2 -Reason 'r' -WhatIf } }
        @{ Name = 'Approve-ModelDeployment -Force from the pipeline'; Action = { Get-PendingDeployment whatif | Approve-ModelDeployment -Force -WhatIf } }
        @{ Name = 'Deny-ModelDeployment -Force'; Action = { Deny-ModelDeployment whatif 2 -Reason 'no' -Force -WhatIf } }
    ) {
        $before = @(Get-TestStoreSnapshot)
        $out = & $Action 6>&1 | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }
        $after = @(Get-TestStoreSnapshot)
        $after | Should -Be $before
        $out | Should -BeNullOrEmpty
    }

    It 'covers every cmdlet that supports ShouldProcess' {
        $should = (Get-Command -Module Retrain | Where-Object { $_.Parameters.ContainsKey('WhatIf') }).Name | Sort-Object
        # Invoke-Retraining's -WhatIf reports what it would do (an object) and is checked byte-identical in Retraining.Tests.ps1.
        $should | Should -Be @('Approve-ModelDeployment', 'Deny-ModelDeployment', 'Invoke-ModelTraining', 'Invoke-Retraining', 'Publish-ProductionModel', 'Register-ModelVersion', 'Remove-ModelVersion', 'Remove-RetrainRun', 'Repair-RetrainStore', 'Save-ModelVersion', 'Set-ModelVersion', 'Step-ModelDeployment', 'Undo-ModelDeployment')
    }
}

Describe 'Set-ModelVersion' {
    It 'changes nothing with -WhatIf' {
        Set-ModelVersion pm 1 -Description 'changed' -Alias whatif -WhatIf
        $v = Get-ModelVersion pm -Version 1
        $v.Description | Should -Be 'first'
        $v.Aliases | Should -Not -Contain 'whatif'
    }

    It 'takes versions from the pipeline and sets tags and description' {
        Get-ModelVersion pm -Version 1 | Set-ModelVersion -Tag @{ reviewed = 'yes' } -Description 'reviewed' -Reason 'test'
        $v = Get-ModelVersion pm -Version 1
        $v.Tags.reviewed | Should -Be 'yes'
        $v.Description | Should -Be 'reviewed'
    }

    It 'moves an alias between versions with -Force' {
        $second = Register-ModelVersion -Path $modelFolder -Name pm
        Set-ModelVersion pm $second.Version -Alias champion -Force
        (Get-ModelVersion pm -Alias champion).Version | Should -Be $second.Version
        (Get-ModelVersion pm -Version 1).Aliases | Should -Not -Contain 'champion'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        # Its own models and alias, so it passes alone and in any order.
        Register-ModelVersion -Path $modelFolder -Name pm-FastTree | Out-Null
        Register-ModelVersion -Path $modelFolder -Name pm-FastForest | Out-Null
        Set-ModelVersion pm 1 -Alias champion -Force
    }

    It 'completes model names and versions from the store' {
        $names = (TabExpansion2 -inputScript 'Get-ModelVersion -Name pm-F' -cursorColumn 27).CompletionMatches.CompletionText
        $names | Should -Contain 'pm-FastTree'
        $names | Should -Contain 'pm-FastForest'
        $versions = (TabExpansion2 -inputScript 'Get-ModelVersion -Name pm -Version ' -cursorColumn 35).CompletionMatches.CompletionText
        $versions | Should -Contain '1'
        $uris = (TabExpansion2 -inputScript 'Invoke-ModelPrediction -ModelUri models:/pm@' -cursorColumn 44).CompletionMatches.CompletionText
        $uris | Should -Contain 'models:/pm@champion'
    }
}

Describe 'The store under stress' {
    It 'numbers 200 versions 1..200 when 8 processes each register 25 at once' {
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:RETRAIN_STORE_URI = 'file:$store'
Import-Module '$env:RETRAIN_TEST_MODULE'
1..25 | ForEach-Object { Register-ModelVersion -Path '$modelFolder' -Name race | Out-Null }
'done'
"@
        $file = Join-Path $TestDrive 'register.ps1'
        Set-Content $file $script
        $processes = 1..8 | ForEach-Object {
            Start-Process -FilePath ([Environment]::ProcessPath) -ArgumentList @($env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $file) `
                -RedirectStandardOutput (Join-Path $TestDrive "out$_.txt") -RedirectStandardError (Join-Path $TestDrive "err$_.txt") -PassThru
        }
        $processes | Wait-Process -Timeout 600
        foreach ($i in 1..8) {
            $processes[$i - 1].ExitCode | Should -Be 0 -Because (Get-Content -Raw (Join-Path $TestDrive "err$i.txt"))
        }
        $versions = Get-ModelVersion -Name race
        $versions.Count | Should -Be 200
        ($versions.Version | Sort-Object) | Should -Be (1..200)
        $registered = @(Get-TestRegistryEvent | Where-Object { $_.model -eq 'race' })
        $registered.Count | Should -Be 200
    }
}

Describe 'The file store''s own files' -Tag FileStore {
    BeforeAll { $script:events = Join-Path (Get-TestFileStoreRoot) 'registry/events.jsonl' }

    It 'ignores a torn last line of the event log with a warning, and repairs it before the next write' {
        $before = (Get-ModelVersion -Name pm).Count
        [IO.File]::AppendAllText($events, '{"sequence": 99999, "action": "Regis')
        $versions = Get-ModelVersion -Name pm -WarningVariable warned -WarningAction SilentlyContinue
        $versions.Count | Should -Be $before
        ($warned -join "`n") | Should -Match 'torn|incomplete|truncat'
        Register-ModelVersion -Path $modelFolder -Name pm -WarningAction SilentlyContinue | Out-Null
        (Get-ModelVersion -Name pm).Count | Should -Be ($before + 1)
        foreach ($line in Get-Content $events) { { $line | ConvertFrom-Json } | Should -Not -Throw }
    }

    It 'refuses a tampered model artifact' {
        $v = Register-ModelVersion -Path $modelFolder -Name tamper
        $zip = Join-Path (Get-TestFileStoreRoot) "runs/$($v.RunId)/artifacts/model/model.zip"
        $bytes = [IO.File]::ReadAllBytes($zip)
        $bytes[100] = $bytes[100] -bxor 0xFF
        [IO.File]::WriteAllBytes($zip, $bytes)
        $err = { Invoke-ModelPrediction -ModelUri $v.Uri -Data $small[0] } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match 'tamper'
    }
}

Describe 'Drift checks are tracked' {
    It 'logs each Test-ModelDrift report in drift_monitoring and Get-DriftHistory reads them back' {
        $a = Test-ModelDrift $fd001 (Get-CmapssPath train_FD003)
        $b = Test-ModelDrift $fd001 $fd001
        $a.RunId | Should -Not -BeNullOrEmpty
        $history = Get-DriftHistory
        $history.Count | Should -Be 2
        $history[0].RunId | Should -Be $b.RunId        # newest first
        $history[1].DriftDetected | Should -BeTrue
        $history[1].DriftScore | Should -Be $a.DriftScore
        (Get-DriftHistory -DriftOnly).RunId | Should -Be $a.RunId
        $run = $a | Get-RetrainRun
        $run.Metrics['ks_statistic.s2'] | Should -Be ($a.Features | Where-Object Feature -eq 's2').Statistic
        (Get-RetrainExperiment).Name | Should -Contain 'drift_monitoring'
    }
}
