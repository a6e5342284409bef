# The objects read the way the Python API this module replaces reads them (README, "From the seed's names").
BeforeAll {
    $script:savedStore = $env:RETRAIN_STORE_URI
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $train = Get-CmapssPath train_FD001
    $script:test = Get-CmapssPath test_FD001
    $null = Invoke-ModelTraining -TrainingPath $train -ModelName shapes -Trainer Sdca
    $null = Invoke-ModelTraining -TrainingPath $train -ModelName shapes -Trainer FastTree
    $script:c = Compare-Model -ChallengerUri models:/shapes/2 -ChampionUri models:/shapes/1 -TestPath $test
    # Each model's MAE on the same rows, computed here from its predictions rather than by the comparison.
    function Get-Mae([string] $Uri) {
        $rows = @(Invoke-ModelPrediction -ModelUri $Uri -Path $test)
        ($rows | ForEach-Object { [math]::Abs($_.Prediction - $_.rul) } | Measure-Object -Average).Average
    }
    $script:championMae = Get-Mae models:/shapes/1
    $script:challengerMae = Get-Mae models:/shapes/2
}
AfterAll { $env:RETRAIN_STORE_URI = $script:savedStore }

Describe 'ComparisonReport.MetricsComparison, as comparison.metrics_comparison' {
    It 'reads .Champion.Mae and .Challenger.Mae as each model''s MAE on the test rows' {
        $c.MetricsComparison.Champion.Mae | Should -BeGreaterThan 0
        [math]::Abs($c.MetricsComparison.Champion.Mae - $championMae) | Should -BeLessThan 1e-9
        [math]::Abs($c.MetricsComparison.Challenger.Mae - $challengerMae) | Should -BeLessThan 1e-9
    }

    It 'reads [''champion''][''mae''] as the seed''s dictionaries do' {
        $c.MetricsComparison['champion']['mae'] | Should -Be $c.MetricsComparison.Champion.Mae
        $c.MetricsComparison['challenger']['rmse'] | Should -Be $c.MetricsComparison.Challenger.Rmse
        $c.MetricsComparison.Champion.Count | Should -Be 13096
    }

    It 'shows both models side by side, one row a metric' {
        $c.MetricsComparison.Rows.Metric | Should -Be @('MAE', 'RMSE', 'R2', 'MAPE')
        $text = $c.MetricsComparison | Out-String -Width 80
        $text | Should -Match 'Metric\s+Champion\s+Challenger\s+Difference\s+Better'
        $text | Should -Match ('MAE\s+{0:0.####}' -f $championMae)
    }

    It 'keeps the shape through ConvertTo-Json' {
        $json = $c | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        [math]::Abs($json.MetricsComparison.Champion.Mae - $championMae) | Should -BeLessThan 1e-9
    }
}
