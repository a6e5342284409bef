# Issue 11, item 2: a comparison's verdict does not depend on the configuration of the session that asks for it.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $env:RETRAIN_CONFIG = $null
    # Small models (20 trees): one trained on the raw RUL, one on RUL capped at 125, as a user's pm/1 and pm/2 were.
    $script:uncappedConfig = New-TestConfig -Folder $TestDrive -Yaml "training:`n  number_of_trees: 20`n"
    $script:cappedConfig = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`n  number_of_trees: 20`n"
    $train = Get-CmapssPath train_FD001
    $script:test = Get-CmapssPath test_FD001   # labelled from RUL_FD001 beside it
    $script:champion = Invoke-ModelTraining $train -ModelName pm -ConfigPath $uncappedConfig
    $script:challenger = Invoke-ModelTraining $train -ModelName pm -ConfigPath $cappedConfig
}
AfterAll {
    $env:RETRAIN_STORE_URI = $previousStoreUri
    $env:RETRAIN_CONFIG = $previousConfig
}

Describe 'Compare-Model judges both models against one stated target' {
    It 'gives the same verdict and the same recorded target cap with and without training.rul_cap in the session' {
        $noConfig = Compare-Model $challenger.Uri $test -ChampionUri $champion.Uri -WarningAction SilentlyContinue
        $capConfig = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`n"
        $otherCap = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 60`n"
        foreach ($config in $capConfig, $otherCap) {
            $r = Compare-Model $challenger.Uri $test -ChampionUri $champion.Uri -ConfigPath $config -WarningAction SilentlyContinue
            $r.Winner | Should -Be $noConfig.Winner
            $r.ShouldPromote | Should -Be $noConfig.ShouldPromote
            $r.ImprovementPct | Should -Be $noConfig.ImprovementPct
            $r.Recommendation | Should -Be $noConfig.Recommendation
            $r.TargetCap | Should -Be 125
        }
        $noConfig.TargetCap | Should -Be 125
        $noConfig.TargetCapSource | Should -Be "the challenger's training cap"
        $noConfig.Recommendation | Should -Match 'Both judged against rul capped at 125 \(the challenger''s training cap\)\.$'
        (Get-RetrainRun -Experiment model_comparison -First 1).Params.target_cap | Should -Be '125'
    }

    It 'warns when the two models were trained with different caps' {
        $r = Compare-Model $challenger.Uri $test -ChampionUri $champion.Uri -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'different RUL caps'
        "$($warnings[0])" | Should -Match ([regex]::Escape("$($champion.Uri) without a cap"))
        $r.Warnings | Should -Be @("$($warnings[0])")
    }

    It 'does not warn when both were trained alike' {
        $r = Compare-Model $challenger.Uri $test -ChampionUri $challenger.Uri -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0
        $r.Warnings | Should -BeNullOrEmpty
    }

    It 'takes model_comparison.target_cap when it is set, and logs it' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "model_comparison:`n  target_cap: 150`ntraining:`n  rul_cap: 125`n"
        $r = Compare-Model $challenger.Uri $test -ChampionUri $champion.Uri -ConfigPath $config -WarningAction SilentlyContinue
        $r.TargetCap | Should -Be 150
        $r.TargetCapSource | Should -Be 'model_comparison.target_cap'
        $r.Recommendation | Should -Match 'rul capped at 150 \(model_comparison.target_cap\)'
        (Get-RetrainRun -Experiment model_comparison -First 1).Params.target_cap | Should -Be '150'
    }

    It 'names the key when model_comparison.target_cap is out of range' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "model_comparison:`n  target_cap: -1`n"
        { Compare-Model $challenger.Uri $test -ChampionUri $champion.Uri -ConfigPath $config -ErrorAction Stop } |
            Should -Throw '*model_comparison.target_cap = -1 must be greater than 0*'
    }
}
