# Issue 14 item 4 end to end with the real cmdlets: a canary published beside Production serves the equipment routed
# to it by a fixed hash of the equipment id (the same machines in another pwsh process), Step-ModelDeployment judges
# it on labelled C-MAPSS rows of those machines and moves it through deployment.canary_steps to Production, aborts a
# canary worse than allowed, holds one that has too few labelled machines, and -WhatIf changes nothing.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_STORE_URI = "file:$(Join-Path $TestDrive 'store')"
    # Both models are judged against the true RUL capped at 125, whatever cap a canary was trained with.
    $env:RETRAIN_CONFIG = New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  model_name: pm`nmodel_comparison:`n  target_cap: 125`n"
    $rows = @(Import-CmapssObject train_FD001)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $train = @($rows | Where-Object unit -le 10)
    $good = $train | Invoke-ModelTraining -ModelName seed -Trainer Sdca
    $script:goodFolder = Export-TestModelFolder $good (Join-Path $TestDrive 'good')
    # A model that never predicts more than about 20 cycles: far worse against a cap of 125.
    $capped = $train | Invoke-ModelTraining -ModelName seed -Trainer Sdca -ConfigPath (New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 20`n")
    $script:badFolder = Export-TestModelFolder $capped (Join-Path $TestDrive 'bad')
    # Labelled rows of 90 machines the models never saw: at 10% about nine of them are the canary's.
    $script:labelled = Export-TestCsv @($rows | Where-Object unit -gt 10) (Join-Path $TestDrive 'labelled.csv')
    $script:unlabelled = Export-TestCsv @($rows | Where-Object unit -gt 10 | Select-Object * -ExcludeProperty rul) (Join-Path $TestDrive 'today.csv')

    # A model with version 1 in Production and 2 (good, or bad) registered beside it.
    function New-CanaryModel([string] $Name, [string] $Candidate) {
        Register-ModelVersion -Path $goodFolder -Name $Name | Out-Null
        Register-ModelVersion -Path $Candidate -Name $Name | Out-Null
        Publish-ProductionModel -Name $Name -Version 1 -Force | Out-Null
    }
    function Get-RegistryBytes { [IO.File]::ReadAllBytes((Join-Path (Get-TestFileStoreRoot) 'registry/events.jsonl')) -join ',' }
}
AfterAll {
    $env:RETRAIN_STORE_URI = $previousStoreUri
    $env:RETRAIN_CONFIG = $previousConfig
}

Describe 'A canary through its steps' {
    BeforeAll { New-CanaryModel pm $goodFolder }

    It 'starts on the first step beside Production, which does not change' {
        $before = Get-TestStoreSnapshot
        Publish-ProductionModel -Name pm -Version 2 -Strategy Canary -WhatIf
        Get-TestStoreSnapshot | Should -Be $before

        $started = Publish-ProductionModel -Name pm -Version 2 -Strategy Canary -Reason 'try it on some engines' -Force
        $started.DeploymentStatus | Should -Be CanaryStarted
        $started.Strategy | Should -Be Canary
        $started.TrafficPercent | Should -Be 10
        $started.PreviousVersion | Should -Be 1
        $production = Get-ProductionModel pm
        $production.Version | Should -Be 1
        $production.Canary.Version | Should -Be 2
        $production.CanaryPercent | Should -Be 10
    }

    It 'serves every row of the canary''s machines with the canary, and another process routes the same machines' {
        $served = @(Invoke-ModelPrediction -Path $unlabelled)
        $byUnit = $served | Group-Object unit
        foreach ($g in $byUnit) { @($g.Group.ModelVersion | Sort-Object -Unique).Count | Should -Be 1 -Because "unit $($g.Name) is routed as a whole" }
        $canaryUnits = @($byUnit | Where-Object { $_.Group[0].ModelVersion -eq 'models:/pm/2' } | ForEach-Object Name | Sort-Object)
        $canaryUnits.Count | Should -BeGreaterThan 2
        $canaryUnits.Count | Should -BeLessThan 30
        $other = Invoke-FreshPwsh @"
`$env:RETRAIN_STORE_URI = '$env:RETRAIN_STORE_URI'; `$env:RETRAIN_CONFIG = '$env:RETRAIN_CONFIG'
Import-Module '$env:RETRAIN_TEST_MODULE'
Invoke-ModelPrediction -Path '$unlabelled' | Where-Object ModelVersion -eq 'models:/pm/2' | ForEach-Object unit | Sort-Object -Unique
"@
        $other.ExitCode | Should -Be 0
        @($other.Output | Sort-Object) | Should -Be $canaryUnits
    }

    It '-WhatIf judges the gate and changes nothing' {
        $before = Get-TestStoreSnapshot
        $out = Step-ModelDeployment pm -Path $labelled -WhatIf 6>&1 | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }
        $out | Should -BeNullOrEmpty
        Get-TestStoreSnapshot | Should -Be $before
    }

    It 'a passing gate moves it to the next step, and the last one promotes it' {
        $advanced = Step-ModelDeployment pm -Path $labelled -Reason 'weekly gate' -Force
        $advanced.DeploymentStatus | Should -Be CanaryAdvanced
        $advanced.TrafficPercent | Should -Be 50
        $advanced.Gate.Outcome | Should -Be Successful
        $advanced.Gate.Units | Should -BeGreaterOrEqual 3
        $advanced.Gate.RegressionPct | Should -BeLessOrEqual 10
        (Get-ProductionModel pm).CanaryPercent | Should -Be 50

        $promoted = Step-ModelDeployment pm -Path $labelled -Force
        $promoted.DeploymentStatus | Should -Be Deployed
        $promoted.Strategy | Should -Be Canary
        $promoted.PreviousVersion | Should -Be 1
        $production = Get-ProductionModel pm
        $production.Version | Should -Be 2
        $production.Canary | Should -BeNullOrEmpty
        (Get-ModelVersion pm -Version 1).Stage | Should -Be Archived

        $history = @(Get-DeploymentHistory -ModelName pm | Select-Object -Last 3)
        $history.Action | Should -Be @('CanaryStarted', 'CanaryAdvanced', 'Promoted')
        $history.TrafficPercent | Should -Be @(10, 50, 100)
        $history[1].Gate | Should -Be Successful
    }

    It 'the record, with its gate, survives ConvertTo-Json' {
        $json = Get-DeploymentHistory -ModelName pm | Select-Object -Last 1 | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Action | Should -Be 'Promoted'
        $json.Gate | Should -Be 'Successful'
    }
}

Describe 'A canary worse than allowed, or with too little to judge' {
    BeforeAll {
        New-CanaryModel bad $badFolder
        New-CanaryModel few $goodFolder
    }

    It 'is aborted by its gate with the figures, and Production is untouched' {
        Publish-ProductionModel -Name bad -Version 2 -Strategy Canary -Force | Out-Null
        $aborted = Step-ModelDeployment bad -Path $labelled -Force
        $aborted.DeploymentStatus | Should -Be CanaryAborted
        $aborted.Gate.Outcome | Should -Be Failed
        $aborted.Gate.RegressionPct | Should -BeGreaterThan 100
        $production = Get-ProductionModel bad
        $production.Version | Should -Be 1
        $production.Canary | Should -BeNullOrEmpty
        (Get-ModelVersion bad -Version 2).Stage | Should -Be None
        (Get-DeploymentHistory -ModelName bad | Select-Object -Last 1).Action | Should -Be CanaryAborted
    }

    It 'is held where it is when too few machines are labelled, with a warning, and the registry does not change' {
        Publish-ProductionModel -Name few -Version 2 -Strategy Canary -Force | Out-Null
        $before = Get-RegistryBytes
        $twoUnits = Export-TestCsv @(Import-Csv $labelled | Where-Object { $_.unit -in '11', '12' }) (Join-Path $TestDrive 'two-units.csv')
        $held = Step-ModelDeployment few -Path $twoUnits -Force -WarningVariable warned 3>$null
        $held.DeploymentStatus | Should -Be CanaryHeld
        $held.Gate.Outcome | Should -Be Inconclusive
        "$warned" | Should -Match 'not enough to judge the canary at 10%'
        Get-RegistryBytes | Should -Be $before
        (Get-ProductionModel few).CanaryPercent | Should -Be 10
    }

    It '-Recorded judges the predictions recorded since the step began, scoring nothing again' {
        (Step-ModelDeployment few -Path $labelled -Recorded -Force 3>$null).DeploymentStatus | Should -Be CanaryHeld
        Invoke-ModelPrediction -ModelUri models:/few/Production -Path $unlabelled -Record | Out-Null
        $advanced = Step-ModelDeployment few -Path $labelled -Recorded -Force
        $advanced.DeploymentStatus | Should -Be CanaryAdvanced
        $advanced.Gate.Basis | Should -Match 'joined to predictions recorded'
    }

    It 'Undo-ModelDeployment -Canary aborts it by hand; -Full promotes another at once' {
        $aborted = Undo-ModelDeployment few -Canary -Reason 'plant alarm' -Force
        $aborted.DeploymentStatus | Should -Be CanaryAborted
        (Get-ProductionModel few).Canary | Should -BeNullOrEmpty
        Publish-ProductionModel -Name few -Version 2 -Strategy Canary -Force | Out-Null
        $promoted = Step-ModelDeployment few -Full -Reason 'signed off' -Force
        $promoted.DeploymentStatus | Should -Be Deployed
        (Get-ProductionModel few).Version | Should -Be 2
    }
}

Describe 'Canary errors and configuration' {
    It 'a configuration with the replaced canary_traffic_percent fails naming canary_steps' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  strategy: canary`n  canary_traffic_percent: 10`n"
        $e = { Get-ProductionModel -ConfigPath $config -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Match '^ConfigKeyReplaced,'
        $e.Exception.Message | Should -Match 'replaced by deployment.canary_steps'
    }

    It 'a canary without Production is refused and the registry does not change' {
        Register-ModelVersion -Path $goodFolder -Name lonely | Out-Null
        $before = Get-RegistryBytes
        $e = { Publish-ProductionModel -Name lonely -Version 1 -Strategy Canary -Force -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Match '^CanaryWithoutProduction,'
        Get-RegistryBytes | Should -Be $before
    }
}
