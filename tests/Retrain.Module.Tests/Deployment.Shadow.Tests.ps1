# Issue 14 item 3 end to end with the real cmdlets: a version published as the shadow scores beside Production
# without changing it; a separate pwsh process records both predictions of C-MAPSS rows in the prediction log; the
# outcomes (the same rows with their rul) are joined back to the log by Compare-Model -Shadow, on exactly the rows
# both versions scored; the shadow ends when published or by Undo-ModelDeployment -Shadow.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:store = Join-Path $TestDrive 'store'
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = "file:$store"
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 95)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $train = @($rows | Where-Object unit -le 20)
    $train | Invoke-ModelTraining -ModelName pm -Trainer Sdca | Out-Null          # 1: Production
    $train | Invoke-ModelTraining -ModelName pm -Trainer FastTree | Out-Null      # 2: the shadow
    # Rows scored today, without their outcome; the outcomes of those units (and of five units never scored) later.
    $script:scored = @($rows | Where-Object { $_.unit -ge 81 -and $_.unit -le 90 })
    $script:scoredCsv = Export-TestCsv @($scored | Select-Object * -ExcludeProperty rul) (Join-Path $TestDrive 'today.csv')
    $script:outcomes = @($rows | Where-Object unit -ge 81)
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'A shadow beside Production, recorded and compared on the outcomes' {
    It 'publishes the shadow beside Production without changing Production' {
        (Publish-ProductionModel -Name pm -Version 1 -Force).DeploymentStatus | Should -Be Deployed
        $stages = @(Get-ModelVersion pm | ForEach-Object { "$($_.Version):$($_.Stage)" })
        $before = Get-TestStoreSnapshot
        Publish-ProductionModel -Name pm -Version 2 -Strategy Shadow -WhatIf
        Get-TestStoreSnapshot | Should -Be $before

        $shadow = Publish-ProductionModel -Name pm -Version 2 -Strategy Shadow -Reason 'watch FastTree' -Force
        $shadow.DeploymentStatus | Should -Be ShadowStarted
        $shadow.Strategy | Should -Be Shadow
        $shadow.PreviousVersion | Should -Be 1
        $shadow.TrafficPercent | Should -Be 0
        @(Get-ModelVersion pm | ForEach-Object { "$($_.Version):$($_.Stage)" }) | Should -Be $stages
        $production = Get-ProductionModel -Name pm
        $production.Version | Should -Be 1
        $production.Shadow.Version | Should -Be 2
        $production.Shadow.Role | Should -Be Shadow
        (Get-DeploymentHistory pm | Select-Object -Last 1).Action | Should -Be ShadowStarted
    }

    It 'a separate pwsh scores the shadow beside Production and records both predictions of every row' {
        $r = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:RETRAIN_STORE_URI = 'file:$store'
Import-Module '$env:RETRAIN_TEST_MODULE'
`$out = @(Import-Csv '$scoredCsv' | Invoke-ModelPrediction -ModelUri models:/pm/Production -Record)
'rows ' + `$out.Count
'versions ' + ((`$out | ForEach-Object { `$_.ModelVersion + '/' + `$_.ShadowVersion } | Sort-Object -Unique) -join ',')
'differ ' + @(`$out | Where-Object { `$_.Prediction -ne `$_.ShadowPrediction }).Count
"@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain "rows $($scored.Count)"
        $r.Output | Should -Contain 'versions models:/pm/1/models:/pm/2'
        ($r.Output | Where-Object { $_ -like 'differ *' }) | Should -Not -Be 'differ 0'
    }

    It 'Compare-Model -Shadow joins the outcomes on unit and cycle: the rows joined are the rows scored' {
        $report = Compare-Model -Shadow -Name pm -TestData $outcomes -Verbose 4>&1 | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $report.ShadowJoin.OutcomeRows | Should -Be $outcomes.Count
        $report.ShadowJoin.JoinedRows | Should -Be $scored.Count
        $report.ShadowJoin.WithoutPrediction | Should -Be ($outcomes.Count - $scored.Count)
        $report.ShadowJoin.NotScoredByBoth | Should -Be 0
        $report.TestRows | Should -Be $scored.Count
        $report.TestUnits | Should -Be 10
        $report.Champion | Should -Be 'models:/pm/1'
        $report.Challenger | Should -Be 'models:/pm/2'
        $report.Recommendation | Should -BeLike "*$($scored.Count) of $($outcomes.Count) outcomes joined*"
        $report.RunId | Should -Not -BeNullOrEmpty
        # The logged predictions are what both versions give these rows: the same figures as scoring them again.
        $direct = Compare-Model models:/pm/2 -ChampionUri models:/pm/1 -TestData $scored -NoLog
        $report.MetricsComparison.Champion.Mae | Should -BeGreaterThan 0
        [math]::Abs($report.MetricsComparison.Champion.Mae - $direct.MetricsComparison.Champion.Mae) | Should -BeLessThan 1e-9
        [math]::Abs($report.MetricsComparison.Challenger.Mae - $direct.MetricsComparison.Challenger.Mae) | Should -BeLessThan 1e-9
        $report.ShouldPromote | Should -Be $direct.ShouldPromote
    }

    It 'recording is refused for a version that is not Production, naming why, and logs nothing' {
        $before = Get-TestStoreSnapshot
        $failed = { Import-Csv $scoredCsv | Invoke-ModelPrediction -ModelUri models:/pm/2 -Record } | Should -Throw -ErrorId 'RecordNeedsProduction,*' -PassThru
        $failed.Exception.Message | Should -BeLike '*models:/pm/2 is not the Production version*'
        Get-TestStoreSnapshot | Should -Be $before
    }

    It 'Undo-ModelDeployment -Shadow ends the shadow; publishing a shadow Direct ends it in the same change' {
        $ended = Undo-ModelDeployment pm -Shadow -Reason 'seen enough' -Force
        $ended.DeploymentStatus | Should -Be ShadowEnded
        $ended.ModelVersion | Should -Be 2
        (Get-ProductionModel -Name pm).Shadow | Should -BeNullOrEmpty
        $row = @(Import-Csv $scoredCsv | Select-Object -First 5 | Invoke-ModelPrediction -ModelUri models:/pm/Production)[0]
        $row.PSObject.Properties.Name | Should -Not -Contain 'ShadowPrediction'
        Undo-ModelDeployment pm -Shadow -Force -ErrorAction SilentlyContinue -ErrorVariable none
        $none[0].FullyQualifiedErrorId | Should -BeLike 'NoDeploymentRole,*'

        Publish-ProductionModel -Name pm -Version 2 -Strategy Shadow -Force | Out-Null
        (Publish-ProductionModel -Name pm -Version 2 -Reason 'the shadow won' -Force).DeploymentStatus | Should -Be Deployed
        $production = Get-ProductionModel -Name pm
        $production.Version | Should -Be 2
        $production.Shadow | Should -BeNullOrEmpty
        (Get-DeploymentHistory pm | Select-Object -Last 1).EndedRoles | Should -Be Shadow
    }
}
