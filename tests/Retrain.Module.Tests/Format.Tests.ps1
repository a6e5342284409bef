# Every view in Retrain.Format.ps1xml renders a real object of its type at 80 and 200 columns, headers included.
BeforeDiscovery {
    [xml] $format = Get-Content -Raw (Join-Path $PSScriptRoot '../../module/Retrain.Format.ps1xml')
    $script:views = foreach ($v in $format.Configuration.ViewDefinitions.View) {
        $kind = if ($v.TableControl) { 'Table' } elseif ($v.CustomControl) { 'Custom' } else { 'List' }
        $labels = if ($kind -eq 'Table') { @($v.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label) }
        elseif ($kind -eq 'Custom') { @() }   # free text: checked for rendering without an error
        else { @($v.ListControl.ListEntries.ListEntry.ListItems.ListItem | ForEach-Object { if ($_.Label) { $_.Label } else { $_.PropertyName } }) }
        @{ Name = $v.Name; Kind = $kind; TypeName = $v.ViewSelectedBy.TypeName; Labels = $labels }
    }
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 16)
    foreach ($g in $rows | Group-Object unit) { $max = ($g.Group | Measure-Object cycle -Maximum).Maximum; foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) } }
    $train = @($rows | Where-Object unit -le 12)
    $test = @($rows | Where-Object unit -gt 12)
    $champion = $train | Invoke-ModelTraining -ModelName fmt -Description 'a champion'
    Set-ModelVersion fmt 1 -Alias champion -Force
    $challenger = $train | Invoke-ModelTraining -ModelName fmt -Trainer LightGbm
    $drift = $train | Test-ModelDrift -CurrentData $test -ConfigPath (New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_samples: 100`n")
    $comparison = Compare-Model -ChallengerUri $challenger.Uri -ChampionUri $champion.Uri -TestData $test
    $deployment = Publish-ProductionModel -Name fmt -Version 1 -Reason 'the first champion' -Force
    $null = Request-TestApproval fmt 2 -Reason 'beat the champion by 8% MAE on units 13-16' -ExpectedCurrentVersion 1
    # A canary and the gate that judged it (at 99% nearly every test unit is the canary's).
    $canaryConfig = New-TestConfig -Folder $TestDrive -Yaml "deployment:`n  canary_steps: [99, 100]`n  canary_min_units: 1`n"
    $null = Register-ModelVersion -Path (Export-TestModelFolder $challenger (Join-Path $TestDrive 'fmt-3')) -Name fmt
    $null = Publish-ProductionModel -Name fmt -Version 3 -Strategy Canary -ConfigPath $canaryConfig -Force
    $gate = (Step-ModelDeployment fmt -Data $test -ConfigPath $canaryConfig -Force -WhatIf:$false 3>$null).Gate
    # A retraining run on 20 FD001 engines given timestamps (model fmt_pipeline, no Production version: it retrains).
    $timed = & (Join-Path (Get-RepoRoot) 'demo/ConvertTo-TimedFleet.ps1') -Path (Get-CmapssPath train_FD001) -Destination (Join-Path $TestDrive 'timed.csv') -Unit (1..20) -StaggerHours 6
    $pipelineConfig = New-TestConfig -Folder $TestDrive -Yaml "data:`n  timestamp_column: timestamp`ndeployment:`n  model_name: fmt_pipeline`ntraining:`n  number_of_trees: 10`nmodel_comparison:`n  bootstrap_resamples: 100`n"
    $retraining = Invoke-Retraining -Reason 'a first model for the views' -DataPath $timed.FullName -ConfigPath $pipelineConfig
    # A temporary file a killed write left two hours ago, for Repair-RetrainStore to remove (after the last write).
    $leftover = New-Item (Join-Path $TestDrive "store/.retrain-tmp-$([guid]::NewGuid().ToString('n'))") -Value 'half a file'
    $leftover.LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-2)
    $script:objects = @{
        'Retrain.Engine.Pipeline.RetrainingResult'     = $retraining
        'Retrain.Engine.Deployment.DeploymentRecord'   = $deployment
        'Retrain.Engine.Deployment.DeploymentHistoryEntry' = Get-DeploymentHistory fmt
        'Retrain.Engine.Deployment.PendingDeployment'  = Get-PendingDeployment fmt
        'Retrain.Engine.Deployment.CanaryGateResult'   = $gate
        'Retrain.Engine.Drift.DriftReport'             = $drift
        'Retrain.Engine.Drift.FeatureDrift'            = $drift.Features
        'Retrain.Engine.Registry.ModelVersion'         = Get-ModelVersion fmt
        'Retrain.Engine.Tracking.Run'                  = Get-RetrainRun
        'Retrain.Engine.Tracking.Experiment'           = Get-RetrainExperiment
        'Retrain.Engine.Drift.DriftHistoryEntry'       = Get-DriftHistory
        'Retrain.Engine.Evaluation.ComparisonReport'   = $comparison
        'Retrain.Engine.Evaluation.MetricsComparison'  = $comparison.MetricsComparison
        'Retrain.Engine.Evaluation.MetricComparison'   = $comparison.MetricsComparison.Rows
        'Retrain.Engine.Store.StoreLocation'           = Get-RetrainStore
        'Retrain.Engine.Store.RepairAction'            = Repair-RetrainStore
        'Retrain.Engine.Tracking.RunMetric'            = $drift | Get-RetrainMetric -Name 'ks_statistic.*'
        'Retrain.Engine.Tracking.RunArtifact'          = $champion | Get-RetrainRunArtifact
        'Retrain.Engine.Scheduling.ScheduleOccurrence' = Get-RetrainSchedule -TimeZone Europe/Berlin -After '2026-03-20' -Count 3
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Format views' {
    It 'finds the views to test' -TestCases @{ Count = @($views).Count } {
        $Count | Should -BeGreaterOrEqual 10
    }

    It '<Kind> view <Name> renders a real <TypeName> at <Width> columns' -ForEach @(
        foreach ($v in $views) { foreach ($w in 80, 200) { $v + @{ Width = $w } } }
    ) {
        $objects.ContainsKey($TypeName) | Should -BeTrue -Because "the test needs a real $TypeName"
        $object = $objects[$TypeName]
        @($object).Count | Should -BeGreaterThan 0
        @($object)[0].PSObject.TypeNames | Should -Contain $TypeName
        $text = switch ($Kind) {
            'Table' { $object | Format-Table -View $Name | Out-String -Width $Width }
            'Custom' { $object | Format-Custom -View $Name | Out-String -Width $Width }
            default { $object | Format-List -View $Name | Out-String -Width $Width }
        }
        $text.Trim() | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match 'out-lineoutput|formatting error|#ERR'
        # A table drops the columns that do not fit 80 columns; its first header always shows.
        $expected = if ($Kind -eq 'Table' -and $Width -eq 80) { @(@($Labels)[0]) } else { @($Labels) }   # @(): a one-column view's labels arrive as a string
        foreach ($label in $expected) { $text | Should -Match ('(^|\s)' + [regex]::Escape($label) + '(\s|$)') -Because "the $Name $Kind view at $Width columns:`n$text" }
        if ($Kind -eq 'List') { $text | Should -Not -CMatch '\bNaN\b' }
    }
}

Describe 'Signed figures in the views' {
    # A '+0.0;-0.0' format with two sections writes a small negative that rounds to zero as '-+0.0'
    # (.NET formats the rounded zero with the first section after the sign); a third section for zero avoids it.
    It 'writes <Spec> of a value that rounds to zero without a stray sign' -ForEach @(
        [regex]::Matches((Get-Content -Raw (Join-Path $PSScriptRoot '../../module/Retrain.Format.ps1xml')), '\{\d+:(\+[^}]*)\}') |
            ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique | ForEach-Object { @{ Spec = $_ } }
    ) {
        $text = "{0:$Spec}" -f -0.0000001
        $text | Should -Not -Match '^-\+|^-0(\.0*)?%?$' -Because "'$Spec' should write an unsigned zero"
        ("{0:$Spec}" -f 0.25) | Should -Match '^\+'
    }
}
