<#
.SYNOPSIS
    Makes sure Debian's python3 with scipy, scikit-learn and pandas is there (the reference side of the
    benchmarks and their smoke test), installing it with apt when missing, and returns the interpreter's path.
#>
$ErrorActionPreference = 'Stop'
$python = '/usr/bin/python3'
if (Test-Path $python) {
    & $python -c 'import scipy, sklearn, pandas' 2>$null
    if ($LASTEXITCODE -eq 0) { return $python }
}
Write-Host 'Installing the reference tools (python3-scipy, python3-sklearn, python3-pandas) with apt...'
$apt = if ((& id -u) -eq '0') { @('apt-get') } else { @('sudo', 'apt-get') }
$rest = @($apt | Select-Object -Skip 1)
foreach ($step in @(@('update', '-qq'), @('install', '-y', '-qq', 'python3-scipy', 'python3-sklearn', 'python3-pandas'))) {
    & $apt[0] @($rest + $step)
    if ($LASTEXITCODE -ne 0) { throw "apt-get $($step -join ' ') failed with exit code $LASTEXITCODE." }
}
& $python -c 'import scipy, sklearn, pandas'
if ($LASTEXITCODE -ne 0) { throw "$python still cannot import scipy, sklearn and pandas after installing them." }
return $python
