BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # A throwaway store for this file; the previous value is put back afterwards, so later files keep theirs.
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    # The usual C-MAPSS settings: piecewise-linear RUL capped at 125, 30-cycle window features.
    $script:config = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`n  window_features: 30`n"
    function Add-Rul($rows, [int] $offset = 0) {
        foreach ($g in $rows | Group-Object unit) {
            $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
            foreach ($r in $g.Group) { $r.unit += $offset; $r | Add-Member rul ($max - $r.cycle) }
        }
        $rows
    }
    $script:fd001 = Add-Rul @(Import-CmapssObject train_FD001)
    $script:fd003 = Add-Rul @(Import-CmapssObject train_FD003) 1000   # unit ids 1001..1100, apart from FD001's
    $script:heldOut = @($fd001 | Where-Object unit -gt 80)
    $script:fd001Model = $fd001 | Where-Object unit -le 80 | Invoke-ModelTraining -ModelName fd001 -ConfigPath $config
    # MAE of a model on labelled rows, computed here from its predictions against the target capped at 125
    # (as training and concept drift cap it), independently of the engine's own metric code.
    function Get-TestMae($rows, [string] $uri, [double] $scale = 1.0) {
        $scored = @($rows | Invoke-ModelPrediction -ModelUri $uri -ConfigPath $config)
        $sum = 0.0
        # 125.0, not 125: [math]::Min(125, 2.6) binds Min(int, int) and rounds the label to 3.
        for ($i = 0; $i -lt $scored.Count; $i++) { $sum += [math]::Abs($scored[$i].Prediction - [math]::Min(125.0, $rows[$i].rul * $scale)) }
        $sum / $scored.Count
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Concept drift on real C-MAPSS data' {
    BeforeAll {
        $script:heldOutMae = Get-TestMae $heldOut $fd001Model.Uri
        $script:soonerMae = Get-TestMae $heldOut $fd001Model.Uri 0.7
    }

    It 'sees concept drift when the same sensor readings come with RUL labels scaled by 0.7' {
        $sooner = $heldOut | ForEach-Object { $c = $_.PSObject.Copy(); $c.rul = $c.rul * 0.7; $c }
        $r = $heldOut | Test-ModelDrift -CurrentData $sooner -ModelUri $fd001Model.Uri -ConfigPath $config
        $r.DriftType | Should -Be 'Concept'
        $r.DriftDetected | Should -BeTrue
        $r.AffectedFeatures | Should -BeNullOrEmpty
        $r.ConceptDriftAssessed | Should -BeTrue
        $r.ConceptDriftScore | Should -BeGreaterThan 0.15
        $r.ReferenceMae | Should -BeGreaterThan 0
        [math]::Abs($r.ReferenceMae - $heldOutMae) | Should -BeLessThan 1e-6
        [math]::Abs($r.CurrentMae / $soonerMae - 1) | Should -BeLessThan 1e-9
        [math]::Abs($r.ConceptDriftScore - ($soonerMae / $heldOutMae - 1)) | Should -BeLessThan 1e-9
        $r.ReferenceErrorSource | Should -Be 'ReferenceWindow'   # units 81..100: none trained on
        $r.ModelUri | Should -Be $fd001Model.Uri
        $r.Recommendation | Should -Match 'Concept drift.*Retrain'
    }

    It 'sees both kinds of drift on FD002 (six operating conditions)' {
        $r = $heldOut | Test-ModelDrift -CurrentPath (Get-CmapssPath train_FD002) -ModelUri $fd001Model.Uri -ConfigPath $config
        $r.DriftType | Should -Be 'Both'
        $r.AffectedFeatures | Should -Contain 'setting1'
        $r.ConceptDriftScore | Should -BeGreaterThan 0.15
    }

    It 'finds neither when nothing changed' {
        $r = $heldOut | Test-ModelDrift -CurrentData $heldOut -ModelUri $fd001Model.Uri -ConfigPath $config
        $r.DriftType | Should -Be 'None'
        # Both MAEs are the model's real error on these rows (computed here), not merely equal to each other.
        [math]::Abs($r.ReferenceMae - $heldOutMae) | Should -BeLessThan 1e-6
        [math]::Abs($r.CurrentMae - $heldOutMae) | Should -BeLessThan 1e-6
        $r.ConceptDriftScore | Should -Be 0
    }

    It 'reports concept drift as not assessed, not absent, without labels' {
        $unlabelled = $heldOut | Select-Object * -ExcludeProperty rul
        $r = $heldOut | Test-ModelDrift -CurrentData $unlabelled -ModelUri $fd001Model.Uri -ConfigPath $config
        $r.ConceptDriftAssessed | Should -BeFalse
        $r.ConceptDriftScore | Should -BeNullOrEmpty
        $r.ConceptNote | Should -Match "no 'rul' labels"
        $r.Recommendation | Should -Match 'not assessed'
    }

    It 'says concept drift is not assessed when there is no production model and none was named' {
        $r = $heldOut | Test-ModelDrift -CurrentData $heldOut -ConfigPath $config
        $r.ConceptDriftAssessed | Should -BeFalse
        $r.ConceptNote | Should -Match 'no production version'
    }
}

Describe 'Compare-Model on real C-MAPSS data' {
    BeforeAll {
        # Champion: FD001 only. Challenger: FD001 and half of FD003's units. Test: the other half of FD003.
        $script:champion = $fd001 | Invoke-ModelTraining -ModelName pm -ConfigPath $config
        $script:challenger = @($fd001) + @($fd003 | Where-Object unit -le 1050) | Invoke-ModelTraining -ModelName pm -ConfigPath $config
        $script:test = @($fd003 | Where-Object unit -gt 1050)
    }

    It 'promotes the challenger that also learnt FD003' {
        $r = $challenger | Compare-Model -ChampionUri $champion.Uri -TestData $test -ConfigPath $config
        $r.PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Evaluation.ComparisonReport'
        $r.Challenger | Should -Be $challenger.Uri
        $r.Champion | Should -Be $champion.Uri
        $r.Winner | Should -Be 'Challenger'
        $r.ShouldPromote | Should -BeTrue
        $r.ImprovementPct | Should -BeGreaterOrEqual 5
        $r.PValue | Should -BeLessThan 0.05
        $r.ConfidenceInterval.Lower | Should -BeGreaterThan 0
        $r.TestUnits | Should -Be 50
        $r.Recommendation | Should -Match '^Promote'
        $r.MetricsComparison.Rows.Metric | Should -Be @('MAE', 'RMSE', 'R2', 'MAPE')
        ($r.MetricsComparison.Rows | Where-Object Metric -eq 'MAE').Better | Should -Be 'Challenger'
    }

    It 'keeps the champion when the roles are reversed' {
        $r = Compare-Model -ChallengerUri $champion.Uri -ChampionUri $challenger.Uri -TestData $test -ConfigPath $config
        $r.ShouldPromote | Should -BeFalse
        $r.Winner | Should -Be 'Champion'
        $r.ImprovementPct | Should -BeLessThan 0
        $r.Recommendation | Should -Match 'Keep the champion'
    }

    It 'logs every comparison in model_comparison' {
        # Its own two comparisons, so it passes alone and in any order.
        $promote = $challenger | Compare-Model -ChampionUri $champion.Uri -TestData $test -ConfigPath $config
        $keep = Compare-Model -ChallengerUri $champion.Uri -ChampionUri $challenger.Uri -TestData $test -ConfigPath $config
        $runs = @(Get-RetrainRun -Experiment model_comparison -First 2)
        $runs.Count | Should -Be 2
        $runs[0].RunId | Should -Be $keep.RunId       # newest first
        $runs[1].RunId | Should -Be $promote.RunId
        $runs[0].Tags.should_promote | Should -Be 'false'
        $runs[1].Tags.should_promote | Should -Be 'true'
        (Get-RetrainRun -Experiment model_comparison -Status Finished -After (Get-Date).AddMinutes(-30)).RunId | Should -Contain $keep.RunId
        @(Get-RetrainRun -Experiment model_comparison -Status Failed).Count | Should -Be 0
        @(Get-RetrainRun -Experiment model_comparison -After (Get-Date).AddDays(1)).Count | Should -Be 0
    }

    It 'reads the test set from a CSV file with -TestPath, as from the same rows as objects' {
        $csv = Export-TestCsv $test (Join-Path $TestDrive 'holdout.csv')
        $fromFile = Compare-Model $challenger.Uri $csv -ChampionUri $champion.Uri -ConfigPath $config
        $fromObjects = Compare-Model -ChallengerUri $challenger.Uri -ChampionUri $champion.Uri -TestData $test -ConfigPath $config
        $fromFile.TestRows | Should -Be $test.Count
        $fromFile.TestUnits | Should -Be 50
        [math]::Abs($fromFile.ImprovementPct - $fromObjects.ImprovementPct) | Should -BeLessThan 1e-9
        $fromFile.Winner | Should -Be 'Challenger'
    }

    It 'lets the challenger win by default when there is no champion, and says so' {
        $r = Compare-Model -ChallengerUri $fd001Model.Uri -TestData $test -ConfigPath $config
        $r.Champion | Should -BeNullOrEmpty
        $r.Winner | Should -Be 'Challenger'
        $r.Recommendation | Should -Match 'no (production|champion)'
    }

    It 'blocks a promotion that regresses one segment' {
        # Segments by unit-id range: FD001 units (1..100) and FD003 units (1051..1100).
        $mixed = @($heldOut) + $test | ForEach-Object { $c = $_.PSObject.Copy(); $c | Add-Member fleet ([int]($c.unit -gt 1000)); $c }
        $segmented = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`n  window_features: 30`nmodel_comparison:`n  segment_column: fleet`n  max_segment_regression_pct: 1`n  min_improvement_pct: 0`n"
        $fd003Only = $fd003 | Where-Object unit -le 1050 | Invoke-ModelTraining -ModelName pm3 -ConfigPath $segmented
        $r = Compare-Model -ChallengerUri $fd003Only.Uri -ChampionUri $fd001Model.Uri -TestData $mixed -ConfigPath $segmented
        $r.Segments.Count | Should -Be 2
        $regressed = @($r.Segments | Where-Object Regressed)
        $regressed.Segment | Should -Contain '0'
        $r.ShouldPromote | Should -BeFalse
        $r.Recommendation | Should -Match "segment '0'"
    }

    It 'reads well as a table and as a list' {
        $r = Compare-Model -ChallengerUri $challenger.Uri -ChampionUri $champion.Uri -TestData $test -ConfigPath $config
        $table = $r | Format-Table | Out-String -Width 120
        $table | Should -Match 'Challenger\s+Champion\s+Metric'
        $table | Should -Match 'models:/pm/\d+\s+models:/pm/\d+\s+MAE'
        $list = $r | Format-List | Out-String -Width 120
        $list | Should -Match 'ImprovementPct : \+\d+\.\d\d%\s+\(95% CI'
        $list | Should -Match 'Recommendation : Promote'
        $list | Should -Not -Match 'NaN'
    }
}
