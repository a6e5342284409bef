# Every example of every exported cmdlet's help runs as written, against a store and a folder prepared with what
# the examples name: model pm with versions 1-8 (6 in Production with alias champion, 7 holding alias candidate,
# 5 Archived, 2, 4 and 8 waiting for approval and 3's request expired), predictive_maintenance_model (the configured
# default) with version 1 in Production and 2 its shadow, both of their predictions on last_week.csv recorded, 3 and 4
# registered for the canary examples (fleet_week.csv and outcomes.csv: labelled rows of 80 machines), a drift
# check in the history, and small data files under the names the examples use, in the current location.
# The cases come from Get-Help (the rendered help a user copies from); an example that needs something this
# machine cannot give is marked in its module/help/<Cmdlet>.psd1 entry with NeedsUnavailable = '<why>' and is
# reported as skipped with that reason, never left out. A new cmdlet's examples are picked up on their own: when
# one names a file or a model state that is not here, add it to the fixture below rather than marking it.

BeforeDiscovery {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $helpSource = Join-Path $PSScriptRoot '../../module/help'
    $script:exampleCases = foreach ($cmd in Get-Command -Module Retrain -CommandType Cmdlet | Sort-Object Name) {
        $sourceFile = Join-Path $helpSource "$($cmd.Name).psd1"
        $source = if (Test-Path $sourceFile) { @((Import-PowerShellDataFile $sourceFile).Examples) } else { @() }
        $i = 0
        foreach ($example in @((Get-Help $cmd.Name -Examples).Examples.Example)) {
            $marked = if ($i -lt $source.Count -and $source[$i] -is [hashtable]) { $source[$i]['NeedsUnavailable'] }
            $i++
            @{ Command = $cmd.Name; Index = $i; Code = ($example.Code | Out-String).Trim(); NeedsUnavailable = $marked }
        }
    }
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:storePath = Join-Path $TestDrive 'store'
    $env:RETRAIN_STORE_URI = "file:$storePath"
    $script:work = New-Item -ItemType Directory (Join-Path $TestDrive 'examples')
    Push-Location $work

    # C-MAPSS files under their own names, cut to a few units so that training and scoring stay quick.
    function Copy-CmapssUnits([string] $Name, [int] $MaxUnit) {
        $lines = & {
            $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.File]::OpenRead((Get-CmapssPath $Name)), [IO.Compression.CompressionMode]::Decompress))
            try { while ($null -ne ($line = $reader.ReadLine())) { if ([int]$line.Trim().Split(' ')[0] -le $MaxUnit) { $line } else { break } } }
            finally { $reader.Dispose() }
        }
        $out = [IO.Compression.GZipStream]::new([IO.File]::Create((Join-Path $work "$Name.txt.gz")), [IO.Compression.CompressionLevel]::Fastest)
        $writer = [IO.StreamWriter]::new($out)
        try { foreach ($l in $lines) { $writer.WriteLine($l) } } finally { $writer.Dispose() }
    }
    Copy-CmapssUnits train_FD001 20
    Copy-CmapssUnits train_FD002 10
    Copy-CmapssUnits test_FD001 10

    # CSV files with a header and the rul label, as a fleet export would have them.
    $rows = @(Import-CmapssObject train_FD001)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $units = { param($from, $to) $rows | Where-Object { $_.unit -ge $from -and $_.unit -le $to } }
    $training = @(& $units 1 20)
    $recent = @(& $units 41 60)
    foreach ($name in 'train', 'reference', 'ref', 'last90days') { Export-TestCsv $training (Join-Path $work "$name.csv") | Out-Null }
    foreach ($name in 'last_week', 'last_week_labelled', 'current', 'cur', 'today', 'trial') { Export-TestCsv $recent (Join-Path $work "$name.csv") | Out-Null }
    Export-TestCsv @(& $units 81 100) (Join-Path $work 'holdout.csv') | Out-Null
    # Labelled rows of 80 machines for canary gates: enough of them fall in the canary's first 10% to judge it.
    foreach ($name in 'fleet_week', 'outcomes') { Export-TestCsv @(& $units 21 100) (Join-Path $work "$name.csv") | Out-Null }
    # One file with a timestamp column spanning the 97 days up to 22 November 2026, for the weekly check.
    $fleet = @(& $units 1 40)
    $start = [DateTimeOffset]::new(2026, 8, 17, 0, 0, 0, [TimeSpan]::Zero)
    $step = [TimeSpan]::FromDays(97).Ticks / $fleet.Count
    $i = 0
    $fleetRows = foreach ($r in $fleet) {
        $row = [ordered]@{ timestamp = $start.AddTicks([long]($step * $i++)).ToString('o') }
        foreach ($p in $r.PSObject.Properties) { $row[$p.Name] = $p.Value }
        [pscustomobject]$row
    }
    Export-TestCsv @($fleetRows) (Join-Path $work 'fleet.csv') | Out-Null
    Set-Content (Join-Path $work 'retrain_config.yaml') "store:`n  uri: 'file:$storePath'`ndrift_detection:`n  min_samples: 500`n"
    # Invoke-Retraining's examples: fleet.csv as data.path, a model of their own (fleet_model, no Production version yet),
    # small trainings so the examples stay quick.
    Set-Content (Join-Path $work 'pipeline.yaml') ("store:`n  uri: 'file:$storePath'`ndata:`n  path: fleet.csv`n  timestamp_column: timestamp`n" +
        "deployment:`n  model_name: fleet_model`ndrift_detection:`n  min_samples: 200`n  permutations: 99`nmodel_comparison:`n  bootstrap_resamples: 200`n" +
        "training:`n  number_of_trees: 20`n")

    # The registry the examples talk about.
    $first = Invoke-ModelTraining -TrainingPath (Join-Path $work 'train.csv') -ModelName pm -Description 'first'
    $folder = Export-TestModelFolder $first (Join-Path $work 'models/fd001-fasttree')
    New-Item -ItemType Directory (Join-Path $work 'exported') | Out-Null
    foreach ($n in 1, 2) { Copy-Item $folder (Join-Path $work "exported/m_$n") -Recurse }
    foreach ($v in 2..8) { Register-ModelVersion -Path $folder -Name pm -Description "copy $v" | Out-Null }
    Set-TestModelStage pm 5 Archived
    Set-TestModelStage pm 6 Production
    Set-ModelVersion pm 6 -Alias champion -Force
    Set-ModelVersion pm 7 -Alias candidate -Force
    # Pipeline candidates waiting for approval (compared against 6): 2, 4 and 8 open, 3 expired.
    foreach ($v in 2, 4, 8) { Request-TestApproval pm $v -Reason "v$v beat v6 by 7% MAE" -ExpectedCurrentVersion 6 | Out-Null }
    Request-TestApproval pm 3 -Reason 'v3 beat v6 by 6% MAE' -ExpectedCurrentVersion 6 -ExpiryDays 1e-9 | Out-Null
    Register-ModelVersion -Path $folder -Name predictive_maintenance_model | Out-Null
    Set-TestModelStage predictive_maintenance_model 1 Production
    # Its version 2 is the shadow, and both scored last week's rows into the prediction log (Compare-Model -Shadow).
    Register-ModelVersion -Path $folder -Name predictive_maintenance_model | Out-Null
    Publish-ProductionModel -Name predictive_maintenance_model -Version 2 -Strategy Shadow -Force | Out-Null
    Invoke-ModelPrediction -Path (Join-Path $work 'last_week.csv') -Record | Out-Null
    # Versions 3 and 4 for the canary examples (Publish-ProductionModel makes 3 the canary, Step-ModelDeployment moves it on).
    foreach ($n in 3, 4) { Register-ModelVersion -Path $folder -Name predictive_maintenance_model | Out-Null }
    Test-ModelDrift (Join-Path $work 'train.csv') (Join-Path $work 'last_week.csv') | Out-Null
}

AfterAll {
    Pop-Location
    $env:RETRAIN_STORE_URI = $previousStoreUri
}

Describe 'Help examples' {
    It 'finds examples for every exported cmdlet (a discovery that finds none must fail, not pass)' -TestCases @{ Found = @($exampleCases | ForEach-Object Command | Sort-Object -Unique) } {
        $exported = (Import-PowerShellDataFile $env:RETRAIN_TEST_MODULE).CmdletsToExport
        $Found | Should -Be ($exported | Sort-Object)
    }

    It 'marks few examples as needing what is not available' -TestCases @{ Marked = @($exampleCases | Where-Object NeedsUnavailable).Count; Total = @($exampleCases).Count } {
        $Marked | Should -BeLessOrEqual ([math]::Max(1, [int]($Total / 10)))
    }

    It '<Command> example <Index> runs as written' -ForEach $exampleCases {
        if ($NeedsUnavailable) {
            Set-ItResult -Skipped -Because "it is marked NeedsUnavailable: $NeedsUnavailable"
            return
        }
        $ErrorActionPreference = 'Stop'
        $example = [scriptblock]::Create($Code)
        # Formatted as a console would show it, so a broken view fails here too; warnings are part of the output.
        $null = & $example 3>&1 | Out-String -Width 80
    }
}
