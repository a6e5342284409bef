BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:fd001 = Get-CmapssPath train_FD001
    $script:fd002 = Get-CmapssPath train_FD002
    $script:fd001Rows = @(Import-CmapssObject train_FD001)
    # Every check is logged as a run: into a throwaway store, whoever runs this file.
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Test-ModelDrift on real C-MAPSS data' {
    It 'finds drift from FD001 (one operating condition) to FD002 (six), in the operational settings' {
        $r = Test-ModelDrift -ReferencePath $fd001 -CurrentPath $fd002
        $r.PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Drift.DriftReport'
        $r.Status | Should -Be 'Ok'
        $r.DriftDetected | Should -BeTrue
        $r.DriftType | Should -Be 'Data'
        $r.AffectedFeatures | Should -Contain 'setting1'
        $r.AffectedFeatures | Should -Contain 'setting2'
        $r.AffectedFeatures | Should -Contain 'setting3'
        $r.DriftScore | Should -BeGreaterThan 0.5
        $r.ReferenceCount | Should -Be 20631
        $r.CurrentCount | Should -Be 53759
        $r.Recommendation | Should -Match 'setting'
    }

    It 'finds no drift between a set and a shuffled random half of itself' {
        $half = $fd001Rows | Get-Random -Count ([int]($fd001Rows.Count / 2)) -SetSeed 7 | Get-Random -Shuffle -SetSeed 11
        $r = $fd001Rows | Test-ModelDrift -CurrentData $half
        $r.ReferenceCount | Should -Be $fd001Rows.Count
        $r.CurrentCount | Should -Be $half.Count
        $r.DriftDetected | Should -BeFalse
        $r.DriftType | Should -Be 'None'
        $r.AffectedFeatures | Should -BeNullOrEmpty
    }

    Context 'FD001 units 1-50 against units 51-100 (same fleet, same conditions)' {
        BeforeAll {
            $script:firstHalf = $fd001Rows | Where-Object unit -le 50
            $script:secondHalf = $fd001Rows | Where-Object unit -gt 50
        }

        It 'reports no drift with the defaults although several KS p-values are far below 0.05' {
            $r = $firstHalf | Test-ModelDrift -CurrentData $secondHalf
            $r.DriftDetected | Should -BeFalse
            $r.PValueBasis | Should -Be 'Engines'
            $r.ReferenceEngines | Should -Be 50
            $r.CurrentEngines | Should -Be 50
            @($r.Features | Where-Object PValue -lt 1e-4).Count | Should -BeGreaterOrEqual 3
            $r.Features | ForEach-Object { $_.Statistic | Should -BeLessThan 0.1 }
            $r.Rule | Should -Match 'engine-calibrated'
        }

        It 'judges those differences by engines even when min_statistic is 0: no drift' {
            $config = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_statistic: 0`n  permutations: 199`n"
            $r = $firstHalf | Test-ModelDrift -CurrentData $secondHalf -ConfigPath $config
            @($r.Features | Where-Object AdjustedPValue -lt 0.05).Count | Should -BeGreaterOrEqual 3 -Because 'the row-level test calls them certain'
            $r.DriftDetected | Should -BeFalse -Because 'fifty engines against fifty others of one fleet differ by chance'
            $r.Features | ForEach-Object { $_.CalibratedAdjustedPValue | Should -BeGreaterOrEqual 0.05 }
            $r.Recommendation | Should -Match 'No data drift'
            # The logged run keeps both p-values and which one decided.
            $run = $r | Get-RetrainRun
            $run.Params['p_value_basis'] | Should -Be 'Engines'
            $s2 = $r.Features | Where-Object Feature -eq 's2'
            $run.Metrics['calibrated_adjusted_p_value.s2'] | Should -Be $s2.CalibratedAdjustedPValue
            $run.Metrics['calibrated_p_value.s2'] | Should -Be $s2.CalibratedPValue
            $run.Metrics['p_value.s2'] | Should -Be $s2.PValue
        }

        It 'flags those features on the row-level rule without a group column, with a warning' {
            $config = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_statistic: 0`ndata:`n  group_column: ~`n"
            $r = $firstHalf | Test-ModelDrift -CurrentData $secondHalf -ConfigPath $config -WarningVariable warned -WarningAction SilentlyContinue
            $r.PValueBasis | Should -Be 'Rows'
            ($warned -join ' ') | Should -Match 'rows are independent'
            $r.DriftDetected | Should -BeTrue
            $significant = @($r.Features | Where-Object AdjustedPValue -lt 0.05).Feature
            $significant.Count | Should -BeGreaterOrEqual 3
            ($r.AffectedFeatures | Sort-Object) | Should -Be ($significant | Sort-Object)
        }
    }
}

Describe 'Test-ModelDrift inputs and options' {
    It 'gives the same report from CSV files as from the same rows on the pipeline' {
        $ref = Export-TestCsv ($fd001Rows | Where-Object unit -le 20) (Join-Path $TestDrive 'ref.csv')
        $cur = Export-TestCsv ($fd001Rows | Where-Object unit -gt 80) (Join-Path $TestDrive 'cur.csv')
        $fromFiles = Test-ModelDrift -ReferencePath $ref -CurrentPath $cur
        $fromObjects = Import-Csv $ref | Test-ModelDrift -CurrentData (Import-Csv $cur)
        $fromFiles.Features.Count | Should -Be 24
        for ($i = 0; $i -lt $fromFiles.Features.Count; $i++) {
            $fromObjects.Features[$i].Feature | Should -Be $fromFiles.Features[$i].Feature
            $fromObjects.Features[$i].Statistic | Should -Be $fromFiles.Features[$i].Statistic
            $fromObjects.Features[$i].PValue | Should -Be $fromFiles.Features[$i].PValue
        }
    }

    It 'returns only $true or $false with -Quiet' {
        Test-ModelDrift $fd001 $fd002 -Quiet | Should -BeExactly $true
        ($fd001Rows | Test-ModelDrift -CurrentData $fd001Rows -Quiet) | Should -BeExactly $false
    }

    It 'tests only the features named by -Feature' {
        $r = Test-ModelDrift $fd001 $fd002 -Feature s2, s3
        $r.Features.Feature | Should -Be @('s2', 's3')
    }

    It 'says per feature which KS method ran, and why, with -Verbose' {
        $verbose = Test-ModelDrift $fd001 $fd002 -Feature s2 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 's2: asymptotic KS \(n1 = 20631, n2 = 53759, larger sample > 10000\)'
        $small = $fd001Rows | Where-Object unit -le 5
        $verbose = $small | Test-ModelDrift -CurrentData $small -Feature s4 -ConfigPath (New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_samples: 10`n") -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 's4: exact KS'
    }

    It 'reports InsufficientData, not drift, when a window has fewer than min_samples rows' {
        $few = $fd001Rows | Select-Object -First 300
        $r = $few | Test-ModelDrift -CurrentPath $fd002
        $r.Status | Should -Be 'InsufficientData'
        $r.DriftDetected | Should -BeFalse
        $r.Recommendation | Should -Match 'reference window has 300 rows.*min_samples \(1000\)'
    }

    It 'applies the configured correction' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  correction: none`n"
        $r = Test-ModelDrift $fd001 $fd002 -ConfigPath $config
        $r.Correction | Should -Be 'None'
        foreach ($f in $r.Features) { $f.AdjustedPValue | Should -Be $f.PValue }
        $r = Test-ModelDrift $fd001 $fd002
        $r.Correction | Should -Be 'Bonferroni'
        foreach ($f in $r.Features) { $f.AdjustedPValue | Should -Be ([math]::Min(1.0, $f.PValue * $r.Features.Count)) }
    }
}

Describe 'Test-ModelDrift errors name what is wrong' {
    It 'a missing file: ObjectNotFound naming the path' {
        $missing = Join-Path $TestDrive 'nope.csv'
        $err = { Test-ModelDrift -ReferencePath $missing -CurrentPath $fd001 } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Match 'nope\.csv'
    }

    It 'a non-numeric cell in a feature: InvalidData naming the file, line and column' {
        # Not asked for, 'b' would be a text column and skipped (TextColumns.Tests); as a feature it is an error.
        $path = Join-Path $TestDrive 'bad.csv'
        Set-Content $path "a,b`n1,2`n3,oops`n"
        $err = { Test-ModelDrift -ReferencePath $path -CurrentPath $path -Feature a, b } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'bad\.csv'
        $err.Exception.Message | Should -Match 'line 3'
        $err.Exception.Message | Should -Match "'b'"
    }

    It 'a non-numeric property on the pipeline: names the input object and the property' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ x = $_; y = if ($_ -eq 4) { 'n/a' } else { $_ } } }
        $err = { $rows | Test-ModelDrift -CurrentData $rows -Feature x, y } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'input object 4'
        $err.Exception.Message | Should -Match "'y'"
    }

    It 'an unknown feature: names the column' {
        $err = { Test-ModelDrift $fd001 $fd002 -Feature s99 } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match "'s99'"
        $err.TargetObject | Should -Be 's99'
    }

    It 'a bad configuration: names the key and the line' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "pipeline:`n  auto_deploy: false`ndrift_detection:`n  data_drift_threshold: 1.5`n"
        $err = { Test-ModelDrift $fd001 $fd002 -ConfigPath $config } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match 'drift_detection\.data_drift_threshold'
        $err.Exception.Message | Should -Match 'line 4'
    }
}

Describe 'Test-ModelDrift time windows' {
    BeforeAll {
        # FD001 rows in a seeded random order, one per hour, so every window samples the whole fleet;
        # the last 7 days get a shift in s2 and s3, as if those sensors were recalibrated.
        $start = [datetimeoffset]'2026-01-01T00:00:00Z'
        $i = 0
        $rows = foreach ($r in ($fd001Rows | Get-Random -Shuffle -SetSeed 42)) {
            $t = $start.AddHours($i++)
            $copy = $r.PSObject.Copy()
            $copy | Add-Member -NotePropertyName timestamp -NotePropertyValue $t.ToString('o')
            $copy
        }
        $last = $start.AddHours($i - 1)
        foreach ($r in $rows) {
            if ([datetimeoffset]$r.timestamp -gt $last.AddDays(-7)) { $r.s2 += 1.5; $r.s3 += 12 }
        }
        $script:fleetCsv = Export-TestCsv $rows (Join-Path $TestDrive 'fleet.csv')
        $script:windowConfig = New-TestConfig -Folder $TestDrive -Yaml "data:`n  timestamp_column: timestamp`ndrift_detection:`n  min_samples: 100`n"
        $script:lastTime = $last
    }

    It 'compares the last window_size_days with the training window before it, from one file' {
        $r = Test-ModelDrift -ReferencePath $fleetCsv -CurrentPath $fleetCsv -ConfigPath $windowConfig
        $r.CurrentCount | Should -Be (7 * 24)
        $r.ReferenceCount | Should -Be (90 * 24)
        $r.DriftDetected | Should -BeTrue
        ($r.AffectedFeatures | Sort-Object) | Should -Be @('s2', 's3')
        $r.CurrentWindow | Should -Match '\d{4}-\d\d-\d\d'
    }

    It 'takes the timestamp column from -TimestampColumn as from data.timestamp_column (the README example)' {
        $noColumn = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_samples: 100`n"
        $r = Test-ModelDrift $fleetCsv $fleetCsv -TimestampColumn timestamp -AsOf $lastTime -ConfigPath $noColumn
        $r.CurrentCount | Should -Be (7 * 24)
        $r.ReferenceCount | Should -Be (90 * 24)
        ($r.AffectedFeatures | Sort-Object) | Should -Be @('s2', 's3')
        $r = Test-ModelDrift $fleetCsv $fleetCsv -TimestampColumn timestamp -AsOf $lastTime.AddDays(-30) -ConfigPath $noColumn
        $r.CurrentCount | Should -Be (7 * 24)
        $r.DriftDetected | Should -BeFalse
    }

    It 'moves the windows with -AsOf, before the shift: no drift' {
        $r = Test-ModelDrift -ReferencePath $fleetCsv -CurrentPath $fleetCsv -ConfigPath $windowConfig -AsOf $lastTime.AddDays(-30)
        $r.CurrentCount | Should -Be (7 * 24)
        $r.DriftDetected | Should -BeFalse
    }

    It 'reports InsufficientData for a window with no rows' {
        $r = Test-ModelDrift -ReferencePath $fleetCsv -CurrentPath $fleetCsv -ConfigPath $windowConfig -AsOf $lastTime.AddYears(-5)
        $r.Status | Should -Be 'InsufficientData'
        $r.DriftDetected | Should -BeFalse
    }
}
