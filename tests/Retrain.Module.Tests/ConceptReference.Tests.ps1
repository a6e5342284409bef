# Issue 11, item 1: concept drift against the training data as reference uses an out-of-sample reference error.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    # The C-MAPSS settings (RUL capped at 125, 30-cycle windows) with 100 trees: enough for the model to fit its
    # training rows better than unseen ones (in-sample MAE 6.75 against 8.85 held out), which is what the old
    # check mistook for drift; about 4 s to train.
    $script:config = New-TestConfig -Folder $TestDrive -Yaml "training:`n  rul_cap: 125`n  window_features: 30`n  number_of_trees: 100`n"
    $script:train = Get-CmapssPath train_FD001
    $script:test = Get-CmapssPath test_FD001   # labelled from RUL_FD001 beside it
    $script:model = Invoke-ModelTraining $train -ModelName fd001 -ConfigPath $config
    $script:manifest = Get-Content (Join-Path (Export-TestModelFolder $model (Join-Path $TestDrive 'model')) 'manifest.json') -Raw | ConvertFrom-Json

    # A C-MAPSS file as CSV with its RUL labels times $Scale: a train file's counted back from each unit's last cycle,
    # a test file's from RUL_FD00N's value at that cycle, as the engine's reader labels them. Written line by line
    # (20000 rows as objects would cost most of this file's time); -MaxUnit keeps units 1..MaxUnit.
    function Export-LabelledCsv([string] $Name, [double] $Scale, [string] $Path, [int] $MaxUnit = [int]::MaxValue) {
        function Read-GzLine([string] $File) {
            $stream = [IO.Compression.GZipStream]::new([IO.File]::OpenRead((Get-CmapssPath $File)), [IO.Compression.CompressionMode]::Decompress)
            try { [IO.StreamReader]::new($stream).ReadToEnd() -split "`n" | Where-Object { $_.Trim() } } finally { $stream.Dispose() }
        }
        $inv = [cultureinfo]::InvariantCulture
        $atEnd = if ($Name -like 'test_*') { @(Read-GzLine ($Name -replace '^test_', 'RUL_') | ForEach-Object { [double]::Parse($_.Trim(), $inv) }) }
        $rows = @(Read-GzLine $Name | ForEach-Object { , $_.Trim().Split(' ', [StringSplitOptions]::RemoveEmptyEntries) } | Where-Object { [int] $_[0] -le $MaxUnit })
        $last = @{}
        foreach ($f in $rows) { $u = [int] $f[0]; $c = [int] $f[1]; if ($c -gt $last[$u]) { $last[$u] = $c } }
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add((@('unit', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" }) + 'rul') -join ',')
        foreach ($f in $rows) {
            $u = [int] $f[0]
            $rul = ($(if ($atEnd) { $atEnd[$u - 1] } else { 0 }) + $last[$u] - [int] $f[1]) * $Scale
            $lines.Add(($f -join ',') + ',' + $rul.ToString('R', $inv))
        }
        [IO.File]::WriteAllLines($Path, $lines)
        $Path
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'Concept drift with the training data as reference' {
    It 'finds no concept drift on test_FD001: the reference error is the held-out MAE recorded at training' {
        $r = Test-ModelDrift $train $test -ModelUri $model.Uri -ConfigPath $config
        $r.ConceptDriftAssessed | Should -BeTrue
        $r.ReferenceErrorSource | Should -Be 'HeldOutAtTraining'
        [math]::Abs($r.ReferenceMae - $model.Metrics.mae) | Should -BeLessThan 1e-9
        $r.ReferenceErrorRows | Should -Be $manifest.test_rows
        $r.ConceptDriftScore | Should -BeLessThan 0.15
        $r.ConceptReferenceUnits | Should -Be $manifest.test_units.Count -Because 'the interval resamples the held-out units recorded at training'
        $r.ConceptCurrentUnits | Should -Be 100
        $r.ConceptDriftLower | Should -BeLessThan $r.ConceptDriftScore
        $r.ConceptDriftUpper | Should -BeGreaterThan $r.ConceptDriftScore
        $r.DriftType | Should -BeIn @('None', 'Data')   # the sensors of truncated test engines do differ
        $r.Recommendation | Should -Match 'MAE went from [\d.]+ \(on the units it held out at training\) to'
        $r.Recommendation | Should -Match 'predictions still hold|No action needed'
        (Get-RetrainRun -Experiment drift_monitoring -First 1).Tags.reference_error_source | Should -Be 'HeldOutAtTraining'
    }

    It 'finds concept drift when test_FD001''s labels are scaled by 0.6' {
        # The file written here labels test_FD001 as the engine's reader does: the same current error at scale 1.
        $asRead = Test-ModelDrift $train $test -ModelUri $model.Uri -ConfigPath $config
        $same = Test-ModelDrift $train (Export-LabelledCsv test_FD001 1.0 (Join-Path $TestDrive 'test_FD001.csv')) -ModelUri $model.Uri -ConfigPath $config
        [math]::Abs($same.CurrentMae - $asRead.CurrentMae) | Should -BeLessThan 1e-9
        $sooner = Export-LabelledCsv test_FD001 0.6 (Join-Path $TestDrive 'test_FD001_x0.6.csv')
        $r = Test-ModelDrift $train $sooner -ModelUri $model.Uri -ConfigPath $config
        $r.ReferenceErrorSource | Should -Be 'HeldOutAtTraining'
        $r.ConceptDriftScore | Should -BeGreaterThan 0.15
        $r.ConceptDriftSignificant | Should -BeTrue -Because 'every engine''s labels moved, so the increase holds over the engines'
        $r.ConceptDriftLower | Should -BeGreaterThan 0
        $r.DriftType | Should -BeIn @('Concept', 'Both')
        $r.Recommendation | Should -Match 'CI by engines \+[\d.]+% to \+[\d.]+% over \d+ reference and 100 current units'
        ($r | Format-List | Out-String -Width 80) | Should -Match 'CI by engines'
        $r.Recommendation | Should -Match 'losing accuracy|Concept drift'
    }

    It 'scores only the units it did not train on when the reference shares units with the training data' {
        $reference = Export-LabelledCsv train_FD001 1.0 (Join-Path $TestDrive 'train_FD001_1-50.csv') -MaxUnit 50
        $heldOut = @(Import-Csv $reference | Where-Object unit -in $manifest.test_units)
        $heldOut.Count | Should -BeGreaterThan 0
        $heldOut.Count | Should -BeLessThan 10000   # units 1..50 have 10000-odd rows; some were trained on

        $r = Test-ModelDrift $reference $test -ModelUri $model.Uri -ConfigPath $config

        $r.ReferenceErrorSource | Should -Be 'ReferenceRowsNotTrainedOn'
        $r.ReferenceErrorRows | Should -Be $heldOut.Count
        # The model's MAE on those rows, computed here from its predictions against min(125, rul).
        $scored = @($heldOut | Invoke-ModelPrediction -ModelUri $model.Uri -ConfigPath $config)
        $sum = 0.0
        for ($i = 0; $i -lt $scored.Count; $i++) { $sum += [math]::Abs($scored[$i].Prediction - [math]::Min(125.0, [double] $heldOut[$i].rul)) }
        [math]::Abs($r.ReferenceMae - $sum / $scored.Count) | Should -BeLessThan 1e-9
        $r.Recommendation | Should -Match "on the $($heldOut.Count) reference rows of units it did not train on"
    }
}
