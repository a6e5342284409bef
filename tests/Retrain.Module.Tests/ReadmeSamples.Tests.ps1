# The sample output the README shows is what the code as shipped prints. A code block preceded by the line
#     <!-- sample output checked by tests/Retrain.Module.Tests/ReadmeSamples.Tests.ps1 -->
# is checked: every `PS> command` in it that is followed by output lines is run, in README order, in a folder
# holding the C-MAPSS files of tests/data/cmapss, with a fresh store and no configuration, and its output
# (formatted 80 columns wide) must equal the lines shown. Runs of spaces count as one, and times (2026-11-26 07:07)
# and run ids stand for any. Commands without output lines only illustrate and are not run.

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
            if ($shown.Count) { $sampleCases.Add(@{ Line = $line; Command = $command; Shown = $shown }) }
        }
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
    Push-Location $work

    function ConvertTo-Comparable([string[]] $Lines) {
        @($Lines | ForEach-Object {
                ($_ -replace '\d{4}-\d\d-\d\d \d\d:\d\d', '<time>' -replace '\b[0-9a-f]{32}\b', '<id>' -replace '\s+', ' ').Trim()
            } | Where-Object { $_ })
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

    It 'README.md line <Line>: <Command>' -ForEach $sampleCases {
        $ErrorActionPreference = 'Stop'
        $printed = (& ([scriptblock]::Create($Command)) | Out-String -Width 80) -split "`r?`n"
        ConvertTo-Comparable $printed | Should -Be (ConvertTo-Comparable $Shown) -Because 'the README shows what this command prints'
    }
}
