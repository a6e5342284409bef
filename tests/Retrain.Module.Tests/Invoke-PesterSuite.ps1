<#
.SYNOPSIS
    Runs every *.Tests.ps1 in this folder against the built module and writes the counts as JSON.
    Called by build.ps1 Test in a fresh process, so the session starts with nothing of ours loaded.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $PackagesPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
# The tests read these to import the module under test and find test-only packages and tools.
$env:RETRAIN_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:RETRAIN_TEST_PACKAGES = $PackagesPath
$env:RETRAIN_TEST_PWSH = Join-Path $PSHOME 'pwsh.dll'
# Tests that do not set their own store write to a throwaway one, never into the working tree.
$env:RETRAIN_STORE_URI = 'file:' + (Join-Path ([IO.Path]::GetTempPath()) "retrain-pester-$PID")

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $ResultPath
