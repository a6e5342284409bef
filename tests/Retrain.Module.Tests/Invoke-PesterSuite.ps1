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
    [string[]] $Path
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
# Every file git does not track (untracked or ignored), with its size and time, outside the build output.
function Get-UntrackedSnapshot {
    $files = @(git -C $repoRoot ls-files --others --exclude-standard) + @(git -C $repoRoot ls-files --others --ignored --exclude-standard)
    foreach ($f in $files | Where-Object { $_ -and $_ -notmatch '^out/' -and $_ -notmatch '(^|/)(bin|obj)/' } | Sort-Object -Unique) {
        $item = Get-Item -LiteralPath (Join-Path $repoRoot $f) -Force -ErrorAction SilentlyContinue
        if ($item) { '{0} {1} {2:o}' -f $f, $item.Length, $item.LastWriteTimeUtc }
    }
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

$after = @(Get-UntrackedSnapshot)
$check = New-PesterContainer -Data @{ Before = $before; After = $after; Root = $repoRoot } -ScriptBlock {
    param($Before, $After, $Root)
    Describe 'The test suite' {
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
