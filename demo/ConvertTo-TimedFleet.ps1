<#
.SYNOPSIS
    Gives C-MAPSS engines timestamps: a fleet export the retraining pipeline can window by time.
.DESCRIPTION
    C-MAPSS counts cycles, not time. This maps them once, the same way for the demo and the tests: engine number n
    (in file order) enters service at -Start + (n - 1) * -StaggerHours, and its cycle c happens at its entry +
    (c - 1) * -CycleHours. So engines overlap in time as a fleet does, each one's rows stay in cycle order, and a week
    of data holds engines at every stage of life. Rows after -Until are left out (the data as it stood at that time);
    the label 'rul' is the run-to-failure RUL (last cycle - cycle), as Retrain's C-MAPSS reader labels a train_ file.
    Columns: unit (-UnitPrefix + the engine number, so two fault-mode sets can share a fleet), timestamp (ISO 8601,
    UTC), cycle, setting1..3, s1..s21, rul. Writes -Destination (CSV) and returns it.
.EXAMPLE
    ./demo/ConvertTo-TimedFleet.ps1 -Path tests/data/cmapss/train_FD001.txt.gz -Destination fleet.csv -Start 2024-01-01 -UnitPrefix FD001-
.EXAMPLE
    ./demo/ConvertTo-TimedFleet.ps1 -Path tests/data/cmapss/train_FD003.txt.gz -Destination fd003.csv -Start 2024-02-15 -StaggerHours 6 -UnitPrefix FD003- -Until 2024-03-01
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $Destination,
    [datetime] $Start = [datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc),
    [double] $CycleHours = 1,
    [double] $StaggerHours = 12,
    [string] $UnitPrefix = '',
    [Nullable[datetime]] $Until = $null,
    # Only these engine numbers (in their file order), e.g. 1..40 for a quick run.
    [int[]] $Unit
)

$ErrorActionPreference = 'Stop'
$inv = [cultureinfo]::InvariantCulture
$source = (Resolve-Path $Path).ProviderPath
$start = [datetime]::SpecifyKind($Start, [DateTimeKind]::Utc)
$until = if ($null -ne $Until) { [datetime]::SpecifyKind($Until, [DateTimeKind]::Utc) } else { [datetime]::MaxValue }

$stream = [IO.File]::OpenRead($source)
if ($source.EndsWith('.gz')) { $stream = [IO.Compression.GZipStream]::new($stream, [IO.Compression.CompressionMode]::Decompress) }
$reader = [IO.StreamReader]::new($stream)
$rows = [Collections.Generic.List[string[]]]::new()
try { while ($null -ne ($line = $reader.ReadLine())) { if ($line.Trim()) { $rows.Add($line.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)) } } }
finally { $reader.Dispose() }

$lastCycle = @{}
$order = [Collections.Generic.List[int]]::new()
foreach ($f in $rows) {
    $u = [int]$f[0]
    if (-not $lastCycle.ContainsKey($u)) { $order.Add($u); $lastCycle[$u] = 0 }
    $lastCycle[$u] = [math]::Max($lastCycle[$u], [int]$f[1])
}
$entry = @{}
for ($i = 0; $i -lt $order.Count; $i++) { $entry[$order[$i]] = $start.AddHours($i * $StaggerHours) }
$keep = if ($Unit) { [Collections.Generic.HashSet[int]]::new([int[]]$Unit) } else { $null }

$target = [IO.Path]::GetFullPath($Destination, (Get-Location).ProviderPath)
$writer = [IO.StreamWriter]::new($target)
try {
    $writer.WriteLine((@('unit', 'timestamp', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" }) + 'rul') -join ',')
    foreach ($f in $rows) {
        $u = [int]$f[0]
        if ($keep -and -not $keep.Contains($u)) { continue }
        $cycle = [int]$f[1]
        $time = $entry[$u].AddHours(($cycle - 1) * $CycleHours)
        if ($time -gt $until) { continue }
        $writer.WriteLine("$UnitPrefix$u,$($time.ToString('yyyy-MM-ddTHH:mm:ssZ', $inv)),$(($f[1..25]) -join ','),$($lastCycle[$u] - $cycle)")
    }
}
finally { $writer.Dispose() }
Get-Item $target
