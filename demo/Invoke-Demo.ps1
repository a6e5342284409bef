<#
.SYNOPSIS
    Retrain's demo on real NASA C-MAPSS turbofan data, on the embedded store.
.DESCRIPTION
    Run through build.ps1 Demo (which builds the module first). Each step prints the objects a user
    would see in a console.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$data = Join-Path $PSScriptRoot '../tests/data/cmapss'
$fd001 = Join-Path $data 'train_FD001.txt.gz'
$fd002 = Join-Path $data 'train_FD002.txt.gz'
$fd003 = Join-Path $data 'train_FD003.txt.gz'

function Show-Step([string] $Title) { Write-Host "`n=== $Title" -ForegroundColor Cyan }

Show-Step 'Data drift: FD001 (one operating condition) against FD002 (six operating conditions)'
$report = Test-ModelDrift -ReferencePath $fd001 -CurrentPath $fd002
$report | Format-Table | Out-Host
$report | Format-List | Out-Host
Show-Step 'The five most drifted features'
$report.Features | Sort-Object Statistic -Descending | Select-Object -First 5 | Format-Table | Out-Host

Show-Step 'Data drift: FD001 against FD003 (same conditions, a second fault mode)'
Test-ModelDrift -ReferencePath $fd001 -CurrentPath $fd003 | Format-List | Out-Host

Show-Step 'A scheduled check uses -Quiet: is FD002 drifted from FD001?'
"Test-ModelDrift ... -Quiet  ->  $(Test-ModelDrift $fd001 $fd002 -Quiet)" | Out-Host
