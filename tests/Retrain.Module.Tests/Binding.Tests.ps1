# Pipelines from the help that must bind without glue, and -WhatIf that fails where the real call would.

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 6)
    foreach ($g in $rows | Group-Object unit) { $max = ($g.Group | Measure-Object cycle -Maximum).Maximum; foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) } }
    $script:data = Export-TestCsv $rows (Join-Path $TestDrive 'data.csv')
    $script:v1 = Invoke-ModelTraining -TrainingPath $data -ModelName pm
    $script:v2 = Register-ModelVersion -Path (Export-TestModelFolder $v1 (Join-Path $TestDrive 'm1')) -Name pm
    Set-ModelVersion pm 1 -Alias champion -Force
    $script:checks = @(1..3 | ForEach-Object { Test-ModelDrift $data $data -Feature s2 })
}

AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Get-RetrainRun from the pipeline' {
    It 'takes experiments: Get-RetrainExperiment drift* | Get-RetrainRun -First 2 gives the two newest drift checks' {
        $runs = @(Get-RetrainExperiment drift* | Get-RetrainRun -First 2)
        $runs.RunId | Should -Be @($checks[2].RunId, $checks[1].RunId)
    }

    It 'applies -First to all piped experiments together, newest first' {
        $runs = @(Get-RetrainExperiment | Get-RetrainRun -First 4)
        $runs.Count | Should -Be 4
        $runs.StartTime | Should -Be @($runs.StartTime | Sort-Object -Descending)
    }

    It 'finds nothing when nothing is piped in (not every run)' {
        @(Get-RetrainExperiment nomatch* | Get-RetrainRun) | Should -BeNullOrEmpty
        @(Get-RetrainRun -First 1).Count | Should -Be 1
    }

    It 'still takes a model version by its RunId: Get-ModelVersion pm -Version 1 | Get-RetrainRun gives its training run' {
        $runs = @(Get-ModelVersion pm -Version 1 | Get-RetrainRun)
        $runs.RunId | Should -Be @($v1.RunId)
        $runs.ExperimentName | Should -Be 'automated_retraining'
    }

    It 'takes runs and reports by RunId' {
        @(Get-RetrainRun -RunId $checks[0].RunId | Get-RetrainRun).RunId | Should -Be @($checks[0].RunId)
        @($checks[1] | Get-RetrainRun).RunId | Should -Be @($checks[1].RunId)
    }
}

Describe 'Set-ModelVersion -RemoveAlias -WhatIf' {
    It 'fails as the real call does when the model has no such alias, and changes nothing' {
        $before = Get-TestStoreSnapshot
        $whatIf = { Set-ModelVersion pm 1 -RemoveAlias nope -WhatIf -ErrorAction Stop } | Should -Throw -PassThru
        $real = { Set-ModelVersion pm 1 -RemoveAlias nope -Force -ErrorAction Stop } | Should -Throw -PassThru
        $whatIf.FullyQualifiedErrorId | Should -Be $real.FullyQualifiedErrorId
        $whatIf.FullyQualifiedErrorId | Should -BeLike 'ModelAliasNotFound,*'
        $whatIf.Exception.Message | Should -Be $real.Exception.Message
        Get-TestStoreSnapshot | Should -Be $before
    }

    It 'refuses an alias that another version holds, naming that version, before any change' {
        Set-ModelVersion pm 2 -Alias blue -Force
        $before = Get-TestStoreSnapshot
        $err = { Set-ModelVersion pm 1 -Description 'new' -RemoveAlias blue -Force -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ModelAliasOnOtherVersion,*'
        $err.Exception.Message | Should -Match 'version 2'
        Get-TestStoreSnapshot | Should -Be $before
        (Get-ModelVersion pm -Version 2).Aliases | Should -Contain 'blue'
    }

    It 'says what it would do when the alias is there' {
        Set-ModelVersion pm 1 -RemoveAlias champion -WhatIf -ErrorAction Stop
        (Get-ModelVersion pm -Version 1).Aliases | Should -Contain 'champion'
    }
}
