# What a user sees in an 80-column console, and what survives Start-Job: the columns that matter, whole.
BeforeAll {
    $script:savedStore = $env:RETRAIN_STORE_URI
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:storeUri = 'file:' + (Join-Path $TestDrive 'store')
    $env:RETRAIN_STORE_URI = $storeUri
    $script:test = Get-CmapssPath test_FD001
    $script:version = Invoke-ModelTraining -TrainingPath $test -ModelName views -Trainer Sdca
    $script:comparison = Compare-Model -ChallengerUri models:/views/1 -TestPath $test
    $script:drift = Test-ModelDrift -ReferencePath (Get-CmapssPath train_FD001) -CurrentPath (Get-CmapssPath train_FD002)
    $script:run = Get-RetrainRun -Experiment automated_retraining -First 1
    function Get-Lines($InputObject) { @(($InputObject | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }) }
}
AfterAll { $env:RETRAIN_STORE_URI = $script:savedStore }

Describe 'Default views at 80 columns' {
    It 'keeps Drifted in the per-feature table' {
        $lines = Get-Lines $drift.Features
        $lines[0] | Should -Match '^Feature\s+Drifted\s+Statistic\s+EngineP\s+AdjustedP\s+PValue\s+Psi\s+Wasserstein$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        @($lines | Where-Object { $_ -match '^setting3\s+True\s' }).Count | Should -Be 1 -Because 'FD001 vs FD002 drifts on setting3'
    }

    It 'does not wrap Promote in the comparison table' {
        $lines = Get-Lines ($comparison | Format-Table)
        $lines[0] | Should -Match 'Winner\s+Promote$'
        $lines[2] | Should -Match '^models:/views/1\s.*\s(True|False)$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines[0] | Should -Match 'PValue\s+By\s+Winner'
        $lines[2] | Should -Match '\s(units|rows)\s' -Because 'the table says which replicates the p-value is over'
    }

    It 'shows a run id whole, so it can be copied' {
        $lines = Get-Lines $run
        $lines[0] | Should -Match '^RunId\s+Status\s+Experiment\s+Started'
        $lines[2].Split(' ')[0] | Should -Be $run.RunId
        $lines[2] | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d'
    }

    It 'shows a model version''s date whole' {
        $lines = Get-Lines $version
        $lines[0] | Should -Match 'Created'
        $lines[2] | Should -Match '^views\s+1\s+None\s.*\d{4}-\d\d-\d\d \d\d:\d\d'
    }
}

Describe 'Objects through Start-Job' {
    It 'keeps a comparison''s metrics and a version''s metrics' {
        $back = Start-Job -ScriptBlock {
            param($module, $store, $test)
            $env:RETRAIN_STORE_URI = $store
            Import-Module $module
            Compare-Model -ChallengerUri models:/views/1 -TestPath $test
            Get-ModelVersion views -Version 1
        } -ArgumentList $env:RETRAIN_TEST_MODULE, $storeUri, $test | Receive-Job -Wait -AutoRemoveJob
        $back[0].MetricsComparison.Challenger.Mae | Should -Be $comparison.MetricsComparison.Challenger.Mae
        $back[0].MetricsComparison.Rows.Count | Should -Be 4
        $back[1].Metrics['rmse'] | Should -Be $version.Metrics['rmse']
    }
}
