# Output objects as other tools read them: ConvertTo-Json writes every enum by name (without -EnumsAsStrings),
# and Export-Csv gets flat text for the lists it would otherwise write as System.String[].

BeforeDiscovery {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    # Every enum reachable from a cmdlet's declared output types, so a new cmdlet or property is covered on merge.
    $seen = @{}
    $found = [System.Collections.Generic.List[hashtable]]::new()
    function Find-Enum([type] $Type, [string] $Path) {
        if ($null -eq $Type) { return }
        if ($u = [Nullable]::GetUnderlyingType($Type)) { $Type = $u }
        if ($Type.IsEnum) { $found.Add(@{ Path = $Path; Enum = $Type.FullName; Underlying = [Enum]::GetUnderlyingType($Type).Name }); return }
        if ($Type.IsArray) { Find-Enum $Type.GetElementType() "$Path[]"; return }
        if ($Type.IsGenericType) { foreach ($a in $Type.GetGenericArguments()) { Find-Enum $a "$Path[]" }; return }
        if ($Type.Namespace -notlike 'Retrain*' -or $seen[$Type.FullName]) { return }
        $seen[$Type.FullName] = $true
        foreach ($p in $Type.GetProperties()) { Find-Enum $p.PropertyType "$($Type.Name).$($p.Name)" }
    }
    foreach ($c in Get-Command -Module Retrain -CommandType Cmdlet) { foreach ($o in $c.OutputType) { Find-Enum $o.Type $o.Name } }
    $script:enumCases = @($found)
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')

    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 12)
    foreach ($g in $rows | Group-Object unit) { $max = ($g.Group | Measure-Object cycle -Maximum).Maximum; foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) } }
    $train = Export-TestCsv @($rows | Where-Object unit -le 8) (Join-Path $TestDrive 'train.csv')
    $test = Export-TestCsv @($rows | Where-Object unit -gt 8) (Join-Path $TestDrive 'test.csv')
    # Recalibrated sensors, so that several features drift (windows this small need a lower min_samples).
    $shifted = @($rows | Where-Object unit -gt 8 | ForEach-Object { $c = $_.PSObject.Copy(); $c.s2 *= 1.01; $c.s3 *= 1.02; $c.s4 *= 1.03; $c })
    $recent = Export-TestCsv $shifted (Join-Path $TestDrive 'recent.csv')
    $config = New-TestConfig "drift_detection:`n  min_samples: 200" $TestDrive
    $v1 = Invoke-ModelTraining -TrainingPath $train -ModelName pm
    $v2 = Invoke-ModelTraining -TrainingPath $train -ModelName pm -Trainer Sdca
    Set-ModelVersion pm 1 -Alias champion -Force
    Set-ModelVersion pm 1 -Alias 'blue' -Tag @{ team = 'ops'; ticket = 'T-1' } -Force
    Set-TestModelStage pm 1 Production
    $drift = Test-ModelDrift $train $recent -ModelUri models:/pm/1 -ConfigPath $config
    $comparison = Compare-Model models:/pm/2 $test -ChampionUri models:/pm/1
    $timed = & (Join-Path (Get-RepoRoot) 'demo/ConvertTo-TimedFleet.ps1') -Path (Get-CmapssPath train_FD001) -Destination (Join-Path $TestDrive 'timed.csv') -Unit (1..16) -StaggerHours 6
    $script:pipelineConfig = New-TestConfig -Folder $TestDrive -Yaml "data:`n  timestamp_column: timestamp`ndeployment:`n  model_name: travel`ntraining:`n  number_of_trees: 10`nmodel_comparison:`n  bootstrap_resamples: 100`n"
    $retraining = Invoke-Retraining -Reason 'travel' -DataPath $timed.FullName -ConfigPath $pipelineConfig
    # Every output type, as the cmdlets write them.
    $script:outputs = [ordered]@{
        ModelVersion       = Get-ModelVersion pm -Version 1
        ProductionModel    = Get-ProductionModel -Name pm
        Run                = Get-RetrainRun -RunId $v1.RunId
        Experiment         = Get-RetrainExperiment drift_monitoring
        DriftReport        = $drift
        FeatureDrift       = $drift.Features[0]
        DriftHistoryEntry  = Get-DriftHistory -First 1
        ComparisonReport   = $comparison
        MetricsComparison  = $comparison.MetricsComparison
        Prediction         = Invoke-ModelPrediction -ModelUri models:/pm/1 -Data $rows[0]
        RetrainingResult   = $retraining
    }

    # The JSON value of every enum property (at any depth) is its name.
    function Assert-EnumNames($Object, $Parsed, [string] $Path) {
        if ($null -eq $Object -or $Object -is [string] -or $Object.GetType().IsPrimitive) { return }
        if ($Object -is [System.Collections.IDictionary]) { return }
        if ($Object -is [System.Collections.IEnumerable]) {
            $items = @($Object); $back = @($Parsed)
            for ($i = 0; $i -lt $items.Count; $i++) { Assert-EnumNames $items[$i] $back[$i] "$Path[$i]" }
            return
        }
        if ($Object.GetType().Namespace -notlike 'Retrain*') { return }
        foreach ($p in $Object.GetType().GetProperties() | Where-Object { -not $_.GetIndexParameters() }) {
            $value = $p.GetValue($Object)
            if ($value -is [Enum]) {
                $Parsed.($p.Name) | Should -BeOfType [string] -Because "$Path.$($p.Name) is an enum"
                $Parsed.($p.Name) | Should -Be $value.ToString()
            }
            elseif ($null -ne $value) { Assert-EnumNames $value $Parsed.($p.Name) "$Path.$($p.Name)" }
        }
    }
}

AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Enums of output types' {
    It '<Path> (<Enum>) is long-based, which ConvertTo-Json writes by name' -ForEach $enumCases {
        $Underlying | Should -BeIn @('Int64', 'UInt64') -Because 'ConvertTo-Json writes other enums as numbers; declare the enum ": long" (see the README, Objects that travel)'
    }
}

Describe 'ConvertTo-Json' {
    It 'writes the enums of <_> by name' -ForEach @('ModelVersion', 'ProductionModel', 'Run', 'Experiment', 'DriftReport', 'FeatureDrift', 'DriftHistoryEntry', 'ComparisonReport', 'MetricsComparison', 'Prediction', 'RetrainingResult') {
        $object = $outputs[$_]
        $object | Should -Not -BeNullOrEmpty
        $parsed = $object | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | ConvertFrom-Json
        Assert-EnumNames $object $parsed $_
    }

    It 'writes Stage, Status and DriftType as the names users filter on' {
        ($outputs.ModelVersion | ConvertTo-Json | ConvertFrom-Json).Stage | Should -Be 'Production'
        ($outputs.Run | ConvertTo-Json | ConvertFrom-Json).Status | Should -Be 'Finished'
        ($outputs.DriftReport | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).DriftType | Should -BeIn @('None', 'Data', 'Concept', 'Both')
        ($outputs.ComparisonReport | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).PrimaryMetric | Should -Be 'Mae'
        $retraining = $outputs.RetrainingResult | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue | ConvertFrom-Json
        $retraining.Status | Should -Be 'PendingApproval'
        $retraining.RetrainResult.NewModelUri | Should -Be 'models:/travel/1'
    }

    It 'brings a RetrainingResult back from Start-Job with its status, reason and reports' {
        $module = $env:RETRAIN_TEST_MODULE
        $job = Start-Job -ArgumentList $module, $env:RETRAIN_STORE_URI, $pipelineConfig, (Join-Path $TestDrive 'timed.csv') {
            param($Module, $Store, $Config, $Data)
            Import-Module $Module
            $env:RETRAIN_STORE_URI = $Store
            Invoke-Retraining -Reason 'from a job' -DataPath $Data -ConfigPath $Config -WhatIf
        }
        $r = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $r.Status | Should -Be 'PendingApproval'
        $r.Trigger | Should -Be 'Manual'
        $r.WhatIf | Should -BeTrue
        $r.Reason | Should -Match '^What if:'
        $r.ComparisonReport.Challenger | Should -Be 'models:/travel/2'
        $r.NewModelUri | Should -Be 'models:/travel/2'
        $r.RetrainResult.NewModelUri | Should -Be 'models:/travel/2'
        $r.ComparisonReport.MetricsComparison.Challenger.Mae | Should -BeGreaterThan 0
        $r.Durations.Total | Should -BeGreaterThan 0
    }
}

Describe 'Export-Csv' {
    BeforeAll {
        function Invoke-RoundTrip($Object, [string[]] $Lists) {
            $file = Join-Path $TestDrive ("{0}.csv" -f [guid]::NewGuid())
            $Object | Select-Object * -ExcludeProperty $Lists | Export-Csv $file
            $row = Import-Csv $file
            foreach ($p in $row.PSObject.Properties) { "$($p.Value)" | Should -Not -Match '^System\.' -Because "column $($p.Name) must be text, not a type name" }
            $row
        }
        function ConvertFrom-PairList([string] $Text) {
            $table = [ordered]@{}
            foreach ($pair in $Text -split '; ' | Where-Object { $_ }) { $k, $v = $pair -split '=', 2; $table[$k] = $v }
            $table
        }
    }

    It 'round-trips a model version''s aliases, tags and metrics as AliasList, TagList and MetricList' {
        $v = $outputs.ModelVersion
        $row = Invoke-RoundTrip $v 'Aliases', 'Tags', 'Metrics'
        $row.AliasList -split '; ' | Should -Be @($v.Aliases)
        $tags = ConvertFrom-PairList $row.TagList
        $tags.team | Should -Be 'ops'
        $tags.ticket | Should -Be 'T-1'
        $tags.Keys.Count | Should -Be $v.Tags.Count
        $metrics = ConvertFrom-PairList $row.MetricList
        foreach ($k in $v.Metrics.Keys) { [double]::Parse($metrics[$k], [cultureinfo]::InvariantCulture) | Should -Be $v.Metrics[$k] -Because "metric $k round-trips exactly" }
        $row.Stage | Should -Be 'Production'
    }

    It 'round-trips a run''s params, tags and metrics as ParamList, TagList and MetricList' {
        $run = $outputs.Run
        $row = Invoke-RoundTrip $run 'Params', 'Tags', 'Metrics'
        (ConvertFrom-PairList $row.ParamList).trainer | Should -Be $run.Params.trainer
        (ConvertFrom-PairList $row.TagList).Keys.Count | Should -Be $run.Tags.Count
        [double]::Parse((ConvertFrom-PairList $row.MetricList).rmse, [cultureinfo]::InvariantCulture) | Should -Be $run.Metrics.rmse
        $row.Status | Should -Be 'Finished'
    }

    It 'round-trips the affected features of a drift report and of a history entry as AffectedFeatureList' {
        foreach ($report in $outputs.DriftReport, $outputs.DriftHistoryEntry) {
            $row = Invoke-RoundTrip $report 'AffectedFeatures', 'Features'
            @($row.AffectedFeatureList -split '; ' | Where-Object { $_ }) | Should -Be @($report.AffectedFeatures)
        }
        $outputs.DriftReport.AffectedFeatures.Count | Should -BeGreaterThan 1 -Because 'the fixture must drift on several features for the list to be tested'
    }
}
