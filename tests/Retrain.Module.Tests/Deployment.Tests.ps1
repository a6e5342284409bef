# Issue 14 items 1, 2 and 6 through the cmdlets: publish, roll back and the history; bad input refused with a typed
# error and the registry unchanged; and, now that Production is reachable, the "use the Production model" defaults
# of Invoke-ModelPrediction, Compare-Model and Test-ModelDrift.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_STORE_URI = "file:$(Join-Path $TestDrive 'store')"
    $env:RETRAIN_CONFIG = New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  model_name: pm`ndrift_detection:`n  min_samples: 100`n"
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 16)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $script:train = @($rows | Where-Object unit -le 8)
    $script:recent = @($rows | Where-Object unit -gt 8)
    $script:v1 = $train | Invoke-ModelTraining -ModelName pm -Trainer Sdca
    $script:folder = Export-TestModelFolder $v1 (Join-Path $TestDrive 'model')
    2..5 | ForEach-Object { Register-ModelVersion -Path $folder -Name pm | Out-Null }
    # The registry's own files, to prove a refused change wrote nothing.
    function Get-RegistryBytes { [IO.File]::ReadAllBytes((Join-Path (Get-TestFileStoreRoot) 'registry/events.jsonl')) -join ',' }
}
AfterAll {
    $env:RETRAIN_STORE_URI = $previousStoreUri
    $env:RETRAIN_CONFIG = $previousConfig
}

Describe 'Publish, roll back, history' {
    It 'before any publish, Get-ProductionModel says how to publish one' {
        $e = { Get-ProductionModel pm -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Match '^NoProductionVersion'
        Get-Command Publish-ProductionModel | Should -Not -BeNullOrEmpty -Because 'the error names it'
    }

    It 'publishes, archives the previous version in the same change, and rolls back' {
        $first = Publish-ProductionModel -Name pm -Version 1 -Reason 'first' -Force
        $first.DeploymentStatus | Should -Be 'Deployed'
        $second = Get-ModelVersion pm -Version 2 | Publish-ProductionModel -Reason 'second' -Force
        ($second.ModelVersion, $second.PreviousVersion) | Should -Be @(2, 1)
        (Get-ModelVersion pm -Version 1).Stage | Should -Be 'Archived'
        (Get-ProductionModel pm).Version | Should -Be 2
        $back = $second | Undo-ModelDeployment -Reason 'worse' -Force
        ($back.DeploymentStatus, $back.ModelVersion, $back.RolledBackFrom) | Should -Be @('RolledBack', 1, 2)
        (Get-ProductionModel).Version | Should -Be 1 -Because 'deployment.model_name is the default'
        $history = @(Get-DeploymentHistory pm)
        $history.Action | Should -Be @('Promoted', 'Promoted', 'RolledBack')
        $history.Reason | Should -Be @('first', 'second', 'worse')
        @(Get-RetrainRun -Experiment model_deployment).Count | Should -Be 3
        # The records travel: to JSON and through a job.
        ($back | ConvertTo-Json | ConvertFrom-Json).DeploymentStatus | Should -Be 'RolledBack'
    }
}

Describe 'Bad input is a typed error and the registry is unchanged' {
    BeforeAll {
        $v4 = Get-ModelVersion pm -Version 4
        $v5 = Get-ModelVersion pm -Version 5
        Remove-Item (Join-Path (Get-TestFileStoreRoot) "runs/$($v4.RunId)/artifacts/model/model.zip")
        Add-Content (Join-Path (Get-TestFileStoreRoot) "runs/$($v5.RunId)/artifacts/model/model.zip") 'x'
    }

    It '<Case> is <ErrorId>' -ForEach @(
        @{ Case = 'an unknown version'; ErrorId = 'ModelVersionNotFound'; Call = { Publish-ProductionModel -Name pm -Version 99 -Force -ErrorAction Stop } }
        @{ Case = 'a version whose model.zip is missing'; ErrorId = 'ArtifactTampered'; Call = { Publish-ProductionModel -Name pm -Version 4 -Force -ErrorAction Stop } }
        @{ Case = 'a tampered version'; ErrorId = 'ArtifactTampered'; Call = { Publish-ProductionModel models:/pm/5 -Force -ErrorAction Stop } }
        @{ Case = 'a stale -ExpectedCurrentVersion'; ErrorId = 'ProductionMoved'; Call = { Publish-ProductionModel -Name pm -Version 3 -ExpectedCurrentVersion 2 -Force -ErrorAction Stop } }
        @{ Case = 'no reason where deployment.require_reason is set'; ErrorId = 'ReasonRequired'; Call = {
            Publish-ProductionModel -Name pm -Version 3 -Force -ErrorAction Stop -ConfigPath (New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  model_name: pm`n  require_reason: true`n") } }
        @{ Case = 'a rollback where deployment.enable_rollback is false'; ErrorId = 'RollbackDisabled'; Call = {
            Undo-ModelDeployment pm -ToVersion 2 -Force -ErrorAction Stop -ConfigPath (New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  model_name: pm`n  enable_rollback: false`n") } }
        @{ Case = 'a tampered version as the canary'; ErrorId = 'ArtifactTampered'; Call = { Publish-ProductionModel -Name pm -Version 5 -Strategy Canary -Force -ErrorAction Stop } }
        @{ Case = 'the Production version as its own canary'; ErrorId = 'RoleOnProduction'; Call = { Publish-ProductionModel -Name pm -Version 1 -Strategy Canary -Force -ErrorAction Stop } }
        @{ Case = 'stepping a canary that is not there'; ErrorId = 'NoDeploymentRole'; Call = { Step-ModelDeployment pm -Full -Force -ErrorAction Stop } }
        @{ Case = 'aborting a canary that is not there'; ErrorId = 'NoDeploymentRole'; Call = { Undo-ModelDeployment pm -Canary -Force -ErrorAction Stop } }
        @{ Case = 'the Production version as its own shadow'; ErrorId = 'RoleOnProduction'; Call = { Publish-ProductionModel -Name pm -Version 1 -Strategy Shadow -Force -ErrorAction Stop } }
        @{ Case = 'a tampered version as the shadow'; ErrorId = 'ArtifactTampered'; Call = { Publish-ProductionModel -Name pm -Version 5 -Strategy Shadow -Force -ErrorAction Stop } }
        @{ Case = 'ending a shadow that is not there'; ErrorId = 'NoDeploymentRole'; Call = { Undo-ModelDeployment pm -Shadow -Force -ErrorAction Stop } }
        @{ Case = 'a run artifact that is not a registered version'; ErrorId = 'NotARegisteredModel'; Call = { Publish-ProductionModel "runs:/$($v1.RunId)/model" -Force -ErrorAction Stop } }
    ) {
        $before = Get-RegistryBytes
        $production = (Get-ProductionModel pm).Version
        $e = { & $Call } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Match "^$ErrorId,"
        $e.CategoryInfo.TargetName | Should -Not -BeNullOrEmpty
        Get-RegistryBytes | Should -Be $before
        (Get-ProductionModel pm).Version | Should -Be $production
    }

    It 'a non-interactive session without -Force is told to add it, and nothing changes' {
        $r = Invoke-FreshPwsh "`$env:RETRAIN_STORE_URI = '$env:RETRAIN_STORE_URI'`nImport-Module '$env:RETRAIN_TEST_MODULE'`nPublish-ProductionModel -Name pm -Version 3"
        ($r.Output -join "`n") | Should -Match 'Add -Force'
        (Get-ProductionModel pm).Version | Should -Be 1
    }
}

Describe 'The Production model is the default model' {
    It 'Invoke-ModelPrediction scores with it' {
        $scored = @($recent | Select-Object -First 50 | Invoke-ModelPrediction)
        $scored.Count | Should -Be 50
        $scored[0].ModelVersion | Should -Be 'models:/pm/1'
    }

    It 'Compare-Model compares a challenger against it' {
        $c = Compare-Model -ChallengerUri models:/pm/3 -TestData $recent
        $c.Champion | Should -Be 'models:/pm/1'
        $c.ChampionVersion | Should -Be 1
    }

    It 'Test-ModelDrift scores it for concept drift' {
        $r = $train | Test-ModelDrift -CurrentData $recent
        $r.ModelUri | Should -Be 'models:/pm/1'
        $r.ConceptDriftScore | Should -Not -BeNullOrEmpty
    }
}
