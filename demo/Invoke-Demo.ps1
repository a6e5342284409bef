<#
.SYNOPSIS
    Retrain's demo on real NASA C-MAPSS turbofan data, on the embedded file store.
.DESCRIPTION
    Run through build.ps1 Demo (which builds the module first). The story: a model of remaining useful
    life is trained on the FD001 fleet; data from the FD003 fleet arrives; drift is detected; a model
    retrained on both fleets is compared with the one in Production and published; a rollback and a
    publish again show how a release that disappoints is undone. Each step prints the objects a user
    would see in a console.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$data = Join-Path $PSScriptRoot '../tests/data/cmapss'
$config = Join-Path $PSScriptRoot 'retrain_config.yaml'
$store = Join-Path $PSScriptRoot '../out/demo-store'
if (Test-Path $store) { Remove-Item $store -Recurse -Force }
$PSDefaultParameterValues['*:ConfigPath'] = $config
function File([string] $name) { Join-Path $data "$name.txt.gz" }
function Show-Step([string] $Title) { Write-Host "`n=== $Title" -ForegroundColor Cyan }

# C-MAPSS rows as objects, with run-to-failure RUL and unit ids moved by an offset so fleets can be mixed.
function Import-Fleet([string] $name, [int] $unitOffset = 0) {
    $names = @('unit', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" })
    $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.File]::OpenRead((File $name)), [IO.Compression.CompressionMode]::Decompress))
    $rows = while ($null -ne ($line = $reader.ReadLine())) {
        $f = $line.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)
        $row = [ordered]@{}
        for ($i = 0; $i -lt 26; $i++) { $row[$names[$i]] = [double]::Parse($f[$i], [cultureinfo]::InvariantCulture) }
        $row.unit += $unitOffset
        [pscustomobject]$row
    }
    $reader.Dispose()
    foreach ($g in $rows | Group-Object unit) {
        $last = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($last - $r.cycle) }
    }
    $rows
}

Show-Step 'Train a model of remaining useful life on the FD001 fleet (FastTree, RUL cap 125, 30-cycle windows)'
$v1 = Invoke-ModelTraining -TrainingPath (File train_FD001) -ModelName turbofan -Description 'FD001 fleet'
$v1 | Format-Table | Out-Host

Show-Step 'Publish it to Production (its files verified, the model loaded and scoring, before anything changes)'
Publish-ProductionModel -Name turbofan -Version $v1.Version -Reason 'first model' -Force | Format-Table | Out-Host

Show-Step 'Score the FD001 test engines at their last cycle against the true RUL (RUL_FD001)'
$last = Invoke-ModelPrediction -ModelUri models:/turbofan/Production -Path (File test_FD001) |
    Group-Object unit | ForEach-Object { $_.Group[-1] }
$rmse = [math]::Sqrt(($last | ForEach-Object { [math]::Pow($_.Prediction - $_.rul, 2) } | Measure-Object -Average).Average)
"{0} engines, RMSE {1:0.00} cycles (published baselines: 17.9 random forest, 15.7 gradient boosting)" -f $last.Count, $rmse | Out-Host
$last | Sort-Object Prediction | Select-Object -First 5 unit, cycle, rul, @{ n = 'Prediction'; e = { [math]::Round($_.Prediction, 1) } } | Format-Table | Out-Host

Show-Step 'New data arrives from the FD003 fleet (a second fault mode): is it drifted from what the model knows?'
$drift = Test-ModelDrift -ReferencePath (File train_FD001) -CurrentPath (File train_FD003) -ModelUri models:/turbofan/Production
$drift | Format-List | Out-Host
$drift.Features | Sort-Object Statistic -Descending | Select-Object -First 5 | Format-Table | Out-Host

Show-Step 'Retrain on both fleets, holding out half of the FD003 engines for the comparison'
$fd001 = Import-Fleet train_FD001
$fd003 = Import-Fleet train_FD003 -unitOffset 1000
$v2 = @($fd001) + @($fd003 | Where-Object unit -le 1050) | Invoke-ModelTraining -ModelName turbofan -Description 'FD001 + FD003 fleets'
$v2 | Format-Table | Out-Host

Show-Step 'The Production model (FD001 only) against the challenger (both fleets) on the held-out FD003 engines'
$comparison = $v2 | Compare-Model -TestData @($fd003 | Where-Object unit -gt 1050)
$comparison | Format-Table | Out-Host
$comparison | Format-List | Out-Host
$comparison.MetricsComparison | Out-Host
if ($comparison.ShouldPromote) {
    Show-Step 'Publish the challenger: only if Production still holds the champion it was compared against'
    $comparison | Publish-ProductionModel -Reason 'won the comparison on held-out FD003 engines' -Force | Format-Table | Out-Host

    Show-Step 'A release that disappoints is undone in one step, and can be redone'
    Undo-ModelDeployment turbofan -Reason 'demo: as if its error rose after the release' -Force | Format-Table | Out-Host
    Publish-ProductionModel -Name turbofan -Version $v2.Version -Reason 'demo: forward again' -Force | Format-Table | Out-Host
    Get-DeploymentHistory turbofan | Format-Table | Out-Host
}

Show-Step 'What the registry and the tracking store now hold'
Get-ModelVersion -Name turbofan | Format-Table | Out-Host
Get-RetrainRun | Format-Table | Out-Host
Get-DriftHistory | Format-Table | Out-Host
"Store: $((Resolve-Path $store).Path)" | Out-Host
