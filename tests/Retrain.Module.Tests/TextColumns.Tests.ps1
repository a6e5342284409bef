# Real-world fleet exports: a text 'site' column, unit ids like ENG-1, a timestamp column (issue 11, items 4 and 5).
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')

    # FD001 units 1..60 with run-to-failure RUL, as a fleet export: ENG-n ids, a site per engine, a time per cycle.
    $start = [datetimeoffset]'2026-09-01T00:00:00Z'
    $rows = foreach ($g in Import-CmapssObject train_FD001 | Where-Object unit -le 60 | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) {
            [pscustomobject][ordered]@{
                unit = "ENG-$($r.unit)"; cycle = $r.cycle; site = ('north', 'south')[$r.unit % 2]
                timestamp = $start.AddMinutes(1000 * $r.unit + $r.cycle).ToString('o')
                s2 = $r.s2; s3 = $r.s3; s4 = $r.s4; s7 = $r.s7; s11 = $r.s11; s12 = $r.s12; rul = $max - $r.cycle
            }
        }
    }
    $script:train = Export-TestCsv @($rows | Where-Object { [int]$_.unit.Substring(4) -le 40 }) (Join-Path $TestDrive 'fleet-train.csv')
    $script:test = Export-TestCsv @($rows | Where-Object { [int]$_.unit.Substring(4) -gt 40 }) (Join-Path $TestDrive 'fleet-test.csv')
    # The same training rows with the numbers n for ids, and without any unit column.
    $script:numericTrain = Export-TestCsv @($rows | Where-Object { [int]$_.unit.Substring(4) -le 40 } | Select-Object @{ n = 'unit'; e = { [int]$_.unit.Substring(4) } }, * -ExcludeProperty unit) (Join-Path $TestDrive 'fleet-numeric.csv')
    $script:noUnit = Export-TestCsv @($rows | Where-Object { [int]$_.unit.Substring(4) -le 40 } | Select-Object * -ExcludeProperty unit) (Join-Path $TestDrive 'fleet-no-unit.csv')
    $script:sensors = @('s2', 's3', 's4', 's7', 's11', 's12')
    $script:config = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`nmodel_comparison:`n  segment_column: site`n  min_segment_rows: 50`n"

    $script:verbose = @()
    $script:model = Invoke-ModelTraining -TrainingPath $train -TimestampColumn timestamp -ModelName fleet -ConfigPath $config -Verbose 4>&1 |
        ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $script:verbose += "$_" } else { $_ } }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Invoke-ModelTraining on a CSV with text columns' {
    It 'trains on the numeric columns, skips the text column with a verbose note and splits by the ENG-n units' {
        $model.Version | Should -Be 1
        ($verbose -match "Skipped text column 'site'") | Should -Not -BeNullOrEmpty
        $manifest = Get-Content (Join-Path (Export-TestModelFolder $model (Join-Path $TestDrive 'm1')) 'manifest.json') | ConvertFrom-Json
        $manifest.features | Should -Be $sensors
        $manifest.split_by | Should -Be 'unit'
        $manifest.test_units.Count | Should -Be 8
        $manifest.test_units | ForEach-Object { $_ | Should -Match '^ENG-\d+$' }
        # Ids ENG-n sort, split and train exactly as the numbers n: same held-out units, same error.
        $numeric = Invoke-ModelTraining -TrainingPath $numericTrain -TimestampColumn timestamp -ModelName fleet_numeric -ConfigPath $config
        $numericManifest = Get-Content (Join-Path (Export-TestModelFolder $numeric (Join-Path $TestDrive 'm2')) 'manifest.json') | ConvertFrom-Json
        $manifest.test_units | Should -Be ($numericManifest.test_units | ForEach-Object { "ENG-$_" })
        $model.Metrics['mae'] | Should -Be $numeric.Metrics['mae']
    }

    It 'reads the time of each row with -TimestampColumn and trains on the last training_window_days only' {
        $short = New-TestConfig -Folder $TestDrive -Yaml "pipeline:`n  training_window_days: 20`n"
        $v = Invoke-ModelTraining -TrainingPath $train -TimestampColumn timestamp -ModelName fleet_window -ConfigPath $short -Feature s2, s3
        $manifest = Get-Content (Join-Path (Export-TestModelFolder $v (Join-Path $TestDrive 'm3')) 'manifest.json') | ConvertFrom-Json
        # Units start 1000 minutes apart: the 20 days up to the latest row hold only the last units' rows.
        $times = @(Import-Csv $train | ForEach-Object { [datetimeoffset]$_.timestamp })
        $latest = ($times | Measure-Object -Maximum).Maximum
        $expected = @($times | Where-Object { $_ -gt $latest.AddDays(-20) }).Count
        $expected | Should -BeLessThan $times.Count
        $manifest.row_count | Should -Be $expected
        $manifest.data_window | Should -Match '\[2026-'
    }

    It 'refuses a text column asked for as a feature, naming the column, file and line' {
        $err = { Invoke-ModelTraining -TrainingPath $train -Feature s2, site -ModelName fleet -ConfigPath $config -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'TextFeature*'
        $err.Exception.Message | Should -Match "Feature column 'site' holds text: .*fleet-train\.csv line 2, column 'site': 'south' is not a number"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'warns that a split by row leaks when the data has no unit column' {
        $v = Invoke-ModelTraining -TrainingPath $noUnit -ModelName fleet_rows -ConfigPath $config -Feature s2, s3 -WarningVariable w -WarningAction SilentlyContinue
        $v.Version | Should -Be 1
        "$w" | Should -Match "no unit column 'unit'"
        "$w" | Should -Match 'rows of one machine end up in both the training and the test split'
        "$w" | Should -Match 'optimistic'
    }
}

Describe 'Test-ModelDrift, Compare-Model and Invoke-ModelPrediction on the same files' {
    It 'Test-ModelDrift tests the numeric columns and scores the model, skipping the text columns' {
        # Without -TimestampColumn the timestamps are text too, and skipped as such.
        $lines = Test-ModelDrift $train $test -ModelUri $model.Uri -ConfigPath $config -Verbose 4>&1
        $r = $lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        ($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match "Skipped text columns 'site', 'timestamp'" }) | Should -Not -BeNullOrEmpty
        $r.Features.Feature | Should -Be $sensors
        $r.ConceptDriftAssessed | Should -BeTrue
        $r.CurrentCount | Should -Be @(Import-Csv $test).Count
        (Test-ModelDrift $train $test -Feature s2, s3 -ConfigPath $config).Features.Feature | Should -Be @('s2', 's3')
    }

    It 'Compare-Model segments by the text site column and counts the ENG units' {
        $challenger = Invoke-ModelTraining -TrainingPath $train -ModelName fleet -Trainer LightGbm -ConfigPath $config
        $c = Compare-Model $challenger.Uri $test -ChampionUri $model.Uri -ConfigPath $config
        $c.Segments.Segment | Should -Be @('north', 'south')
        ($c.Segments | Measure-Object Count -Sum).Sum | Should -Be @(Import-Csv $test).Count
        $c.TestUnits | Should -Be 20
    }

    It 'Invoke-ModelPrediction echoes the unit id as text, from a file and from Import-Csv rows' {
        $fromFile = @(Invoke-ModelPrediction -ModelUri $model.Uri -Path $test -ConfigPath $config)
        $fromFile.Count | Should -Be @(Import-Csv $test).Count
        $fromFile[0].unit | Should -BeOfType [string]
        $fromFile[0].unit | Should -Be 'ENG-41'
        $fromFile[0].site | Should -Be 'south'
        $fromObjects = @(Import-Csv $test | Invoke-ModelPrediction -ModelUri $model.Uri -ConfigPath $config)
        $fromObjects[0].unit | Should -Be 'ENG-41'
        $fromObjects.Prediction | Should -Be $fromFile.Prediction
    }
}
