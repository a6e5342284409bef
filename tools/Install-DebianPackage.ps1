<#
.SYNOPSIS
    The project's one installer helper: asks apt for the Debian packages a build task or a test needs.
.DESCRIPTION
    Every script that brings a Debian package (the benchmarks' Python reference tools, PostgreSQL, Chromium)
    decides what is missing by its own check and then calls this script with exactly those packages.
    It runs 'apt-get update' once per process tree before the first install (RETRAIN_APT_UPDATED marks it
    done for child processes too), installs non-interactively as root or through sudo, and fails with the
    packages and apt's exit code when apt fails. apt-get is looked up on PATH, so a test can put a recording
    apt-get first on PATH.
.PARAMETER Package
    The Debian package names to install. Nothing happens for an empty list.
.PARAMETER Purpose
    What the packages are for, said in the progress line and in errors.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [AllowEmptyCollection()] [string[]] $Package,
    [string] $Purpose = 'the build'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
if ($Package.Count -eq 0) { return }
$list = $Package -join ' '

$aptCommand = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $aptCommand) {
    throw "Cannot install $list for ${Purpose}: apt-get is not on PATH (this is not a Debian-based machine). Install them with your package manager and run again."
}
[string[]] $prefix = @()
if ((& id -u) -ne '0') {
    if (-not (Get-Command sudo -CommandType Application -ErrorAction SilentlyContinue)) {
        throw "Cannot install $list for ${Purpose}: not running as root and sudo is not available. Run 'apt-get install -y $list' as root, then run again."
    }
    # sudo resets PATH (secure_path): pass apt-get's resolved path, and the non-interactive front end.
    $prefix = @('sudo', 'DEBIAN_FRONTEND=noninteractive')
}
$env:DEBIAN_FRONTEND = 'noninteractive'

function Invoke-Apt([string[]] $AptArguments) {
    [string[]] $line = $prefix + @($aptCommand.Source) + $AptArguments
    & $line[0] @($line | Select-Object -Skip 1) | Out-Host
    return $LASTEXITCODE
}

if ($env:RETRAIN_APT_UPDATED -ne '1') {
    Write-Host "Updating apt's package lists (once) before installing $list..."
    $code = Invoke-Apt @('update', '-qq')
    if ($code -ne 0) { throw "apt-get update failed with exit code $code, so $list could not be installed for $Purpose." }
    $env:RETRAIN_APT_UPDATED = '1'
}
Write-Host "Installing $list for $Purpose with apt-get..."
$code = Invoke-Apt (@('install', '-y', '-qq', '--no-install-recommends') + $Package)
if ($code -ne 0) { throw "apt-get install of $list (for $Purpose) failed with exit code $code." }
