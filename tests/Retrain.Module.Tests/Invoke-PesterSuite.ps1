<#
.SYNOPSIS
    Runs every *.Tests.ps1 in this folder against the built module and writes the counts as JSON.
    Called by build.ps1 Test in a fresh process, so the session starts with nothing of ours loaded.
    After the suite, a second small Pester container checks that no test left a new untracked or
    ignored file in the repository (outside the build output: out/, bin/, obj/), e.g. a ./.retrain store.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $PackagesPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Run only these test files (default: every *.Tests.ps1 in this folder).
    [string[]] $Path,
    # After the suite, run each of these files alone in a fresh pwsh, to prove it needs no other file.
    # The default leaves out the files whose set-up trains on full C-MAPSS or runs the benchmark harness
    # (Comparison, Registry, Benchmarks), and those that only use TestDrive and a store of their own
    # (Format, Package): running them all twice would nearly double the suite's time.
    [string[]] $Alone = @('Module.Tests.ps1', 'Isolation.Tests.ps1', 'TestModelDrift.Tests.ps1')
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
# The tests read these to import the module under test and find test-only packages and tools.
$env:RETRAIN_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:RETRAIN_TEST_PACKAGES = $PackagesPath
$env:RETRAIN_TEST_PWSH = Join-Path $PSHOME 'pwsh.dll'
# Tests that do not set their own store write to a throwaway one, never into the working tree.
$env:RETRAIN_STORE_URI = 'file:' + (Join-Path ([IO.Path]::GetTempPath()) "retrain-pester-$PID")

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
# Every file git does not track (untracked or ignored), outside the build output. Paths only: a file someone
# edits during the run is not the suite's doing; a store written into the tree always adds new run files.
function Get-UntrackedSnapshot {
    $files = @(git -C $repoRoot ls-files --others --exclude-standard) + @(git -C $repoRoot ls-files --others --ignored --exclude-standard)
    $files | Where-Object { $_ -and $_ -notmatch '^out/' -and $_ -notmatch '(^|/)(bin|obj)/' } | Sort-Object -Unique
}
$before = @(Get-UntrackedSnapshot)

$config = New-PesterConfiguration
# -File passes "a,b" as one string: split it.
$config.Run.Path = if ($Path) { @($Path -split ',') } else { $PSScriptRoot }
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $config

$aloneResults = @{}
if (-not $Path) {
    foreach ($file in $Alone -split ',' | Where-Object { $_ }) {
        $childJson = Join-Path ([IO.Path]::GetTempPath()) "retrain-pester-alone-$PID-$file.json"
        $started = Get-Date
        & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $ModulePath -PesterPath $PesterPath `
            -PackagesPath $PackagesPath -ResultPath $childJson -Path (Join-Path $PSScriptRoot $file) | Out-Null
        $counts = if (Test-Path $childJson) { Get-Content -Raw $childJson | ConvertFrom-Json } else { $null }
        Remove-Item $childJson, ([IO.Path]::ChangeExtension($childJson, '.xml')) -ErrorAction SilentlyContinue
        $aloneResults[$file] = $counts
        Write-Host ("{0} alone: {1} passed, {2} failed in {3:0}s" -f $file, $counts.Passed, $counts.Failed, ((Get-Date) - $started).TotalSeconds)
    }
}

$after = @(Get-UntrackedSnapshot)
$check = New-PesterContainer -Data @{ Before = $before; After = $after; Root = $repoRoot; Alone = $aloneResults } -ScriptBlock {
    param($Before, $After, $Root, $Alone)
    Describe 'The test suite' {
        It '<File> passes alone in a fresh pwsh' -ForEach @($Alone.Keys | Sort-Object | ForEach-Object { @{ File = $_; Counts = $Alone[$_] } }) {
            $Counts | Should -Not -BeNullOrEmpty -Because 'the child run writes its counts'
            $Counts.Failed | Should -Be 0
            $Counts.Passed | Should -BeGreaterThan 0
        }

        It 'wrote nothing into the working tree (no ./.retrain, no other new untracked file)' {
            $new = @($After | Where-Object { $_ -notin $Before })
            $new | Should -BeNullOrEmpty -Because "tests must use throwaway stores and TestDrive, not $Root"
        }
    }
}
$checkConfig = New-PesterConfiguration
$checkConfig.Run.Container = $check
$checkConfig.Run.PassThru = $true
$checkConfig.Output.Verbosity = 'Normal'
$checkResult = Invoke-Pester -Configuration $checkConfig

$all = @($result, $checkResult)
[pscustomobject]@{
    Passed  = ($all | Measure-Object PassedCount -Sum).Sum
    Failed  = ($all | ForEach-Object { $_.FailedCount + $_.FailedBlocksCount + $_.FailedContainersCount } | Measure-Object -Sum).Sum
    Skipped = ($all | ForEach-Object { $_.SkippedCount + $_.NotRunCount } | Measure-Object -Sum).Sum
} | ConvertTo-Json | Set-Content -Path $ResultPath
