# Issue 13 item 2: unbounded input. A gzip bomb, a file past data.max_bytes and one past data.max_rows end in a
# typed error in a process that lives on, in bounded memory; raising the limit in the configuration reads the same
# file. Each case runs in a child pwsh, as a runaway read would take the test host down with it.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:store = Join-Path $TestDrive 'store'
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = "file:$store"

    # Runs a script in a fresh pwsh with the module and this file's store; exit code, output and peak memory (MB).
    function Invoke-Child([string] $Body) {
        $file = Join-Path $TestDrive ("child-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content $file "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = 'file:$store'`nImport-Module '$env:RETRAIN_TEST_MODULE'`n$Body"
        $timeFile = Join-Path $TestDrive 'time.txt'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $output = & /usr/bin/time -v -o $timeFile ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE
        $rss = [double]((Get-Content $timeFile | Select-String 'Maximum resident set size \(kbytes\): (\d+)').Matches[0].Groups[1].Value) / 1024
        [pscustomobject]@{ ExitCode = $code; Text = $output -join "`n"; PeakMB = $rss; Seconds = $clock.Elapsed.TotalSeconds }
    }

    # A .gz of $Header then $Count copies of one compressed member holding $Chunk: a gzip may hold many members,
    # so gigabytes of content take a fraction of a second to write.
    function New-GzipOfRepeats([string] $Name, [string] $Header, [byte[]] $Chunk, [int] $Count) {
        function Member([byte[]] $bytes) {
            $buffer = [IO.MemoryStream]::new()
            $gz = [IO.Compression.GZipStream]::new($buffer, [IO.Compression.CompressionLevel]::Optimal, $true)
            $gz.Write($bytes, 0, $bytes.Length)
            $gz.Dispose()
            , $buffer.ToArray()
        }
        $path = Join-Path $TestDrive $Name
        $file = [IO.File]::Create($path)
        try {
            $head = Member ([Text.Encoding]::UTF8.GetBytes($Header))
            $file.Write($head, 0, $head.Length)
            $member = Member $Chunk
            for ($i = 0; $i -lt $Count; $i++) { $file.Write($member, 0, $member.Length) }
        } finally { $file.Dispose() }
        $path
    }

    # 5 GB of zeros in about 5 MB: one "line" with no end, as in the issue.
    $script:zeros = New-GzipOfRepeats 'zeros.csv.gz' '' ([byte[]]::new(64MB)) 75
    # 20 MB of rows (about 640,000), in a few hundred KB.
    $rows = [Text.StringBuilder]::new()
    $rng = [Random]::new(7)
    for ($i = 0; $i -lt 32000; $i++) { [void]$rows.AppendFormat([Globalization.CultureInfo]::InvariantCulture, "{0:0.0000},{1:0.00},{2:0.00},{3}`n", $rng.NextDouble(), 640 + 5 * $rng.NextDouble(), 1590 + 10 * $rng.NextDouble(), $rng.Next(200)) }
    $chunk = [Text.Encoding]::UTF8.GetBytes($rows.ToString())
    $script:rowsFile = New-GzipOfRepeats 'rows.csv.gz' "s1,s2,s3,rul`n" $chunk 20
    $script:rowCount = 32000 * 20
    $script:decompressed = 13 + $chunk.Length * 20

    function Config([string] $Data) { New-TestConfig -Yaml "data:`n$Data" -Folder $TestDrive }
    # Test-ModelDrift of a file against itself: "error <ErrorId> <category> | <message>", or "read <rows>".
    function Drift([string] $Path, [string] $Config) {
        $configArg = if ($Config) { "-ConfigPath '$Config'" } else { '' }
        "try { `$r = Test-ModelDrift -ReferencePath '$Path' -CurrentPath '$Path' $configArg; 'read ' + `$r.ReferenceCount } catch { 'error ' + `$_.Exception.ErrorId + ' ' + `$_.CategoryInfo.Category + ' | ' + `$_.Exception.Message }`n"
    }
    function Get-RunCount { if (Test-Path (Join-Path $store 'runs')) { @(Get-ChildItem (Join-Path $store 'runs') -Directory).Count } else { 0 } }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'A gzip of 5 GB of zeros, with the default limits' {
    It 'is DataLineTooLong at line 1 for Test-ModelDrift and Invoke-ModelTraining, fast, in under 1 GB; the process lives on' {
        $r = Invoke-Child (@(
                Drift $zeros
                "try { Invoke-ModelTraining -TrainingPath '$zeros' -ModelName bomb } catch { 'error ' + `$_.Exception.ErrorId + ' ' + `$_.CategoryInfo.Category + ' | ' + `$_.Exception.Message }"
                "'alive'"
            ) -join "`n")
        Write-Host ("zeros bomb (default limits): {0:n0} MB peak, {1:n1} s for the child" -f $r.PeakMB, $r.Seconds)
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $line = [regex]::Escape("$zeros line 1: the row is longer than 16,777,216 characters")
        ([regex]::Matches($r.Text, "error DataLineTooLong InvalidData \| $line")).Count | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match 'alive'
        $r.PeakMB | Should -BeLessThan 1024
        $r.Seconds | Should -BeLessThan 30
        Get-RunCount | Should -Be 0 -Because 'a refused input starts no run'
    }

    It 'is DataTooLarge when data.max_bytes is below the parser''s line limit' {
        $r = Invoke-Child (Drift $zeros (Config '  max_bytes: 1000000'))
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ('error DataTooLarge LimitsExceeded \| ' + [regex]::Escape("$($zeros): more than 1,000,000 bytes once decompressed") + '.*raise data\.max_bytes')
    }
}

Describe 'data.max_bytes' {
    It 'stops a gzip that expands past it while reading, and a raised limit reads the same file' {
        $r = Invoke-Child (@(
                Drift $rowsFile (Config '  max_bytes: 5000000')
                Drift $rowsFile (Config "  max_bytes: $decompressed")
            ) -join '')
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ('error DataTooLarge LimitsExceeded \| ' + [regex]::Escape("$($rowsFile): more than 5,000,000 bytes once decompressed, the most data.max_bytes allows; raise data.max_bytes in the configuration"))
        $r.Text | Should -Match "read $rowCount"
    }
}

Describe 'data.max_rows' {
    It 'stops a file at the first row over it, naming the line; a raised limit reads the same file' {
        $r = Invoke-Child (@(
                Drift $rowsFile (Config '  max_rows: 100000')
                Drift $rowsFile (Config "  max_rows: $rowCount")
            ) -join '')
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ('error DataTooManyRows LimitsExceeded \| ' + [regex]::Escape("$rowsFile line 100002: more than 100,000 rows, the most data.max_rows allows; raise data.max_rows in the configuration"))
        $r.Text | Should -Match "read $rowCount"
    }

    It 'stops pipeline input at the first object over it; no run is started' {
        $config = Config '  max_rows: 500'
        $r = Invoke-Child @"
`$rows = foreach (`$i in 1..2000) { [pscustomobject]@{ s1 = `$i % 17; s2 = `$i % 5; rul = `$i % 50 } }
try { `$rows | Invoke-ModelTraining -ModelName piped -Trainer Sdca -ConfigPath '$config' } catch { 'error ' + `$_.Exception.ErrorId + ' | ' + `$_.Exception.Message }
`$v = `$rows | Select-Object -First 500 | Invoke-ModelTraining -ModelName piped -Trainer Sdca -ConfigPath '$config'
'trained ' + `$v.Version
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'error DataTooManyRows \| training pipeline input: input object 501: more than 500 rows, the most data\.max_rows allows'
        $r.Text | Should -Match 'trained 1' -Because 'the refused input registered nothing, so the first good one is version 1'
    }

    It 'refuses <Value> naming the key' -ForEach @(
        @{ Value = 'max_rows: 0'; Key = 'data.max_rows'; ErrorId = 'ConfigOutOfRange' }
        @{ Value = 'max_bytes: 2GB'; Key = 'data.max_bytes'; ErrorId = 'ConfigWrongType' }
    ) {
        $config = Config "  $Value"
        $e = { Test-ModelDrift -ReferencePath $rowsFile -CurrentPath $rowsFile -ConfigPath $config } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be $ErrorId
        $e.Exception.Message | Should -Match ([regex]::Escape("$config line 2: $Key"))
    }
}
