<#
.SYNOPSIS
    Makes sure Debian's python3 can import scipy, scikit-learn and pandas (the reference side of the
    benchmarks and their smoke test), asks the installer helper for exactly the packages whose module
    does not import, and returns the interpreter's path.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# Debian's interpreter, since the packages apt installs are for it.
$python = '/usr/bin/python3'
$modules = [ordered]@{ scipy = 'python3-scipy'; sklearn = 'python3-sklearn'; pandas = 'python3-pandas' }

function Get-MissingPackage {
    if (-not (Test-Path $python)) { return @('python3') + @($modules.Values) }
    foreach ($name in $modules.Keys) {
        # A folder left without __init__.py (e.g. by a removed package whose compiled -lib part stays) imports as
        # an empty namespace package: only a module with a file counts as there.
        & $python -c "import sys, $name; sys.exit(0 if getattr($name, '__file__', None) else 1)" 2>$null
        if ($LASTEXITCODE -ne 0) { $modules[$name] }
    }
}

[string[]] $missing = @(Get-MissingPackage)
if ($missing.Count -eq 0) { return $python }
& (Join-Path $PSScriptRoot 'Install-DebianPackage.ps1') -Package $missing -Purpose 'the benchmarks'' reference tools'
[string[]] $still = @(Get-MissingPackage)
if ($still.Count -gt 0) { throw "$python still cannot import the modules of $($still -join ', ') after apt installed them." }
return $python
