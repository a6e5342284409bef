# The sample output the README shows is what the code as shipped prints. A code block preceded by the line
#     <!-- sample output checked by tests/Retrain.Module.Tests/ReadmeSamples.Tests.ps1 -->
# is checked: its `PS> commands` up to the last one shown with output run in order (the ones after it only
# illustrate), in a folder holding the C-MAPSS files of tests/data/cmapss, and copies of demo/ and tests/data/cmapss/
# beside them as in the repository, with a fresh store
# shared by the blocks in README order and no configuration. Each command shown with output must print those
# lines (80 columns wide; WARNING: lines included, and VERBOSE: lines where it shows some), or, when they start with "<Command>:", fail with
# that error. Runs of spaces count as one; times (2026-11-26 07:07), durations (6.0 s), run ids and absolute
# paths stand for any.

BeforeDiscovery {
    $marker = '<!-- sample output checked by tests/Retrain.Module.Tests/ReadmeSamples.Tests.ps1 -->'
    $lines = Get-Content (Join-Path $PSScriptRoot '../../README.md')
    $script:sampleCases = [System.Collections.Generic.List[hashtable]]::new()
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i].Trim() -ne $marker) { continue }
        $start = $i + 1
        if ($lines[$start] -notmatch '^```') { throw "README.md line $($start + 1): the sample marker must be followed by a code fence." }
        $block = [System.Collections.Generic.List[string]]::new()
        for ($j = $start + 1; $j -lt $lines.Count -and $lines[$j] -notmatch '^```'; $j++) { $block.Add($lines[$j]) }
        $k = 0
        $commands = [System.Collections.Generic.List[hashtable]]::new()
        while ($k -lt $block.Count) {
            if ($block[$k] -notmatch '^PS> (.*)$') { $k++; continue }
            $line = $start + 2 + $k
            $command = $Matches[1]
            $k++
            # A command continues on indented lines after a trailing pipe.
            while ($command.TrimEnd().EndsWith('|') -and $k -lt $block.Count -and $block[$k] -match '^\s+\S') { $command += "`n" + $block[$k].Trim(); $k++ }
            $output = [System.Collections.Generic.List[string]]::new()
            while ($k -lt $block.Count -and $block[$k] -notmatch '^(PS> |#)') { $output.Add($block[$k]); $k++ }
            $shown = @($output | ForEach-Object { $_.TrimEnd() })
            while ($shown.Count -and -not $shown[0]) { $shown = @($shown | Select-Object -Skip 1) }
            while ($shown.Count -and -not $shown[-1]) { $shown = @($shown | Select-Object -SkipLast 1) }
            $commands.Add(@{ Line = $line; Command = $command; Shown = $shown })
        }
        $last = -1
        for ($c = 0; $c -lt $commands.Count; $c++) { if ($commands[$c].Shown.Count) { $last = $c } }
        if ($last -lt 0) { throw "README.md line $($start + 1): a checked block shows no output." }
        $sampleCases.Add(@{ Line = $start + 1; Commands = @($commands | Select-Object -First ($last + 1)) })
    }
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $env:RETRAIN_CONFIG = $null
    $script:work = New-Item -ItemType Directory (Join-Path $TestDrive 'readme')
    Copy-Item (Join-Path (Get-RepoRoot) 'tests/data/cmapss/*.gz') $work
    # demo/ with the data where its scripts look for it (../tests/data/cmapss), as in the repository.
    Copy-Item (Join-Path (Get-RepoRoot) 'demo') (Join-Path $work 'demo') -Recurse
    New-Item -ItemType Directory (Join-Path $work 'tests/data') | Out-Null
    Copy-Item (Join-Path (Get-RepoRoot) 'tests/data/cmapss') (Join-Path $work 'tests/data/cmapss') -Recurse
    Push-Location $work

    function ConvertTo-Comparable([string[]] $Lines) {
        @($Lines | ForEach-Object {
                ($_ -replace '\d{4}-\d\d-\d\d \d\d:\d\d', '<time>' -replace '\b[0-9a-f]{32}\b', '<id>' -replace '\b\d+(\.\d+)? (s|ms)\b', '<duration>' -replace '(?<![:\w])(/|[A-Za-z]:\\)[^\s,;]+', '<path>' -replace '\s+', ' ').Trim()
            } | Where-Object { $_ })
    }

    # What the console shows for a command: formatted objects, and VERBOSE:/WARNING: lines where they came.
    function Invoke-AsConsole([string] $Command) {
        $ErrorActionPreference = 'Stop'
        $lines = [System.Collections.Generic.List[string]]::new()
        $pending = [System.Collections.Generic.List[object]]::new()
        $flush = { if ($pending.Count) { foreach ($l in ($pending | Out-String -Width 80) -split "`r?`n") { $lines.Add($l) }; $pending.Clear() } }
        foreach ($item in & ([scriptblock]::Create($Command)) *>&1) {
            if ($item -is [System.Management.Automation.VerboseRecord]) { & $flush; $lines.Add("VERBOSE: $($item.Message)") }
            elseif ($item -is [System.Management.Automation.WarningRecord]) { & $flush; $lines.Add("WARNING: $($item.Message)") }
            elseif ($item -is [System.Management.Automation.InformationRecord]) { & $flush; $lines.Add("$($item.MessageData)") }
            else { $pending.Add($item) }
        }
        & $flush
        $lines
    }
}

AfterAll {
    Pop-Location
    $env:RETRAIN_STORE_URI = $previousStoreUri
    $env:RETRAIN_CONFIG = $previousConfig
}

Describe 'README sample output' {
    It 'has checked samples (a README without markers must fail here, not pass)' -TestCases @{ Count = $sampleCases.Count } {
        $Count | Should -BeGreaterThan 0
    }

    It 'README.md line <Line>: the block''s sample output' -ForEach $sampleCases {
        foreach ($c in $Commands) {
            $expectsError = $c.Shown.Count -and $c.Shown[0] -match '^[A-Z][a-z]+-[A-Za-z]+: '
            if ($expectsError) {
                $err = { Invoke-AsConsole $c.Command } | Should -Throw -PassThru -Because "README.md line $($c.Line) shows an error"
                $printed = "$($err.InvocationInfo.MyCommand.Name): $($err.Exception.Message)"
                ConvertTo-Comparable $printed | Should -Be (ConvertTo-Comparable (($c.Shown | ForEach-Object Trim) -join ' ')) -Because "README.md line $($c.Line) shows the error of: $($c.Command)"
                continue
            }
            $printed = Invoke-AsConsole $c.Command
            if ($c.Shown.Count) {
                $expected = ConvertTo-Comparable $c.Shown
                # A sample may show some of the VERBOSE: lines only; the ones it shows must be printed, in order.
                $actual = @(ConvertTo-Comparable $printed | Where-Object { $_ -notlike 'VERBOSE: *' -or $expected -contains $_ })
                $actual | Should -Be $expected -Because "README.md line $($c.Line) shows what this prints: $($c.Command)"
            }
        }
    }
}
