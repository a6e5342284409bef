<#
.SYNOPSIS
    Writes C-MAPSS FD001 as a fleet export would look: fleet_train.csv and fleet_holdout.csv.
.DESCRIPTION
    Real exports name equipment by text ids and carry text columns, so the README tour uses these files:
    unit ids ENG-1 .. ENG-100, a text 'site' column (three sites), cycle, the 3 settings, the 21 sensors and
    the run-to-failure RUL. Engines ENG-1 .. ENG-80 go to fleet_train.csv, ENG-81 .. ENG-100 to fleet_holdout.csv.
.EXAMPLE
    ./demo/New-FleetCsv.ps1 -Destination .
#>
param(
    [string] $Destination = '.',
    [string] $Source = (Join-Path $PSScriptRoot '../tests/data/cmapss/train_FD001.txt.gz')
)

$ErrorActionPreference = 'Stop'
$sites = 'hamburg', 'toulouse', 'wichita'
$lines = & {
    $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.File]::OpenRead((Resolve-Path $Source)), [IO.Compression.CompressionMode]::Decompress))
    try { while ($null -ne ($line = $reader.ReadLine())) { if ($line.Trim()) { , $line.Split(' ', [StringSplitOptions]::RemoveEmptyEntries) } } }
    finally { $reader.Dispose() }
}
$lastCycle = @{}
foreach ($f in $lines) { $lastCycle[[int]$f[0]] = [math]::Max($lastCycle[[int]$f[0]], [int]$f[1]) }

$header = (@('unit', 'site', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" }) + 'rul') -join ','
$out = @{}
foreach ($name in 'fleet_train.csv', 'fleet_holdout.csv') {
    $path = Join-Path (Resolve-Path $Destination) $name
    $out[$name] = [IO.StreamWriter]::new($path)
    $out[$name].WriteLine($header)
}
try {
    foreach ($f in $lines) {
        $unit = [int]$f[0]
        $row = @("ENG-$unit", $sites[$unit % 3]) + $f[1..25] + ($lastCycle[$unit] - [int]$f[1])
        $out[$(if ($unit -le 80) { 'fleet_train.csv' } else { 'fleet_holdout.csv' })].WriteLine($row -join ',')
    }
}
finally { $out.Values | ForEach-Object Dispose }
Get-Item (Join-Path $Destination 'fleet_train.csv'), (Join-Path $Destination 'fleet_holdout.csv')
