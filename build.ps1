#Requires -Version 7.4
<#
.SYNOPSIS
    The one entry point for building, testing, demonstrating, benchmarking and packaging Retrain.
.DESCRIPTION
    Build    compiles the solution and lays the module out in out/Retrain (manifest, cmdlets,
             and the engine with its packages in out/Retrain/dependencies).
    Test     builds, runs the xunit suite and the Pester suite against the built module, and ends
             with one line 'N passed, N failed, N skipped' summing both. Exit code 1 on any failure.
    Demo     builds and runs demo/Invoke-Demo.ps1 on the real C-MAPSS data in tests/data.
    Bench    builds Release, installs the reference tools (python3-scipy, python3-sklearn, python3-pandas)
             with apt when missing, and runs the speed benchmarks against them (tests/Retrain.Benchmarks,
             `bench`), writing tests/Retrain.Benchmarks/results.md and results.json. -Smoke: tiny sizes,
             one repetition, results to out/bench-smoke (what the Pester smoke test runs).
    Package  builds and zips out/Retrain into out/Retrain.zip (an Azure Automation module upload).
    Clean    removes out/ and every bin/ and obj/ folder.
    Run it through the repository's local PowerShell: dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: tiny sizes and one repetition, to check the harness works (not results).
    [switch] $Smoke,

    # Bench only: run just these cases (drift, memory, e2e, cmapss, permutation, training, compare, import, scaling, registry).
    [string[]] $Case
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'Retrain'
$resultsDir = Join-Path $out 'test-results'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $File, [string[]] $Arguments = @())
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# A fresh PowerShell process of the same version as this one (the repository's local tool).
function Get-PwshCommand { @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll')) }

# What the packages bring that the module never loads, so that the tested layout is the shipped one:
# debug symbols of third-party natives and assemblies (Retrain's own .pdb stays, for line numbers in errors),
# ML.NET's LDA topic-model native (Retrain trains no LDA), LightGBM's command-line program (the trainer
# loads lib_lightgbm), and the runtime folders left empty by that (every RID that had only the LDA native).
function Remove-UnusedPayload([string] $Dependencies) {
    $unused = Get-ChildItem $Dependencies -Recurse -File | Where-Object {
        $_.Name -like '*.so.dbg' -or $_.Name -like '*.dylib.dwarf' -or ($_.Extension -eq '.pdb' -and $_.BaseName -notlike 'Retrain.*') -or
        $_.Name -like '*LdaNative*' -or $_.Name -eq 'lightgbm.exe'
    }
    $unused | Remove-Item -Force
    $runtimes = Join-Path $Dependencies 'runtimes'
    if (Test-Path $runtimes) {
        Get-ChildItem $runtimes -Directory | Where-Object { -not (Get-ChildItem $_.FullName -Recurse -File) } | Remove-Item -Recurse -Force
    }
}

function Invoke-Build {
    Write-Host "Building ($Configuration)..."
    Invoke-Native dotnet @('build', (Join-Path $root 'Retrain.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    # The engine and every package it needs (with runtimes/<rid>/native) go to dependencies/,
    # out of the default probing path, so they load only in the module's own load context.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/Retrain.Engine'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'quiet',
        '-o', (Join-Path $moduleOut 'dependencies'))
    Remove-UnusedPayload (Join-Path $moduleOut 'dependencies')
    $cmdlets = Join-Path $root "src/Retrain.PowerShell/bin/$Configuration/net8.0/Retrain.PowerShell.dll"
    Copy-Item $cmdlets $moduleOut
    Copy-Item (Join-Path $root 'module/*') $moduleOut -Recurse -Exclude help
    # Help is rendered from module/help by the built cmdlets' own metadata, in a fresh process.
    New-Item -ItemType Directory (Join-Path $moduleOut 'en-US') -Force | Out-Null
    $pwsh = Get-PwshCommand
    & $pwsh[0] $pwsh[1] -NoProfile -NonInteractive -File (Join-Path $root 'tools/New-MamlHelp.ps1') -ModulePath (Join-Path $moduleOut 'Retrain.psd1') `
        -HelpSource (Join-Path $root 'module/help') -OutFile (Join-Path $moduleOut 'en-US/Retrain.PowerShell.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Rendering the cmdlet help failed.' }
    Write-Host "Module laid out in $moduleOut"
}

function Restore-TestTools {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tools/TestTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    return $packages
}

function Read-TrxCounts([string] $trx) {
    [xml] $doc = Get-Content -Raw $trx
    $c = $doc.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted; Skipped = [int]$c.notExecuted }
}

function Invoke-Test {
    Invoke-Build
    $packages = Restore-TestTools
    if (Test-Path $resultsDir) { Remove-Item $resultsDir -Recurse -Force }
    New-Item -ItemType Directory $resultsDir | Out-Null

    Write-Host 'Running xunit...'
    & dotnet test (Join-Path $root 'tests/Retrain.Engine.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=engine.trx' --logger 'console;verbosity=minimal' --results-directory $resultsDir
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $resultsDir 'engine.trx'
    $xunit = if (Test-Path $trx) { Read-TrxCounts $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 } # the runner itself failed

    Write-Host 'Running Pester...'
    $pesterJson = Join-Path $resultsDir 'pester.json'
    $pwsh = Get-PwshCommand
    & $pwsh[0] $pwsh[1] -NoProfile -NonInteractive -File (Join-Path $root 'tests/Retrain.Module.Tests/Invoke-PesterSuite.ps1') `
        -ModulePath (Join-Path $moduleOut 'Retrain.psd1') -PesterPath (Join-Path $packages 'pester/5.7.1/tools/Pester.psd1') `
        -PackagesPath $packages -ResultPath $pesterJson
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped" -f $xunit.Passed, $xunit.Failed, $xunit.Skipped)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, $pester.Skipped)
    $failed = $xunit.Failed + $pester.Failed
    Write-Host ("{0} passed, {1} failed, {2} skipped" -f ($xunit.Passed + $pester.Passed), $failed, ($xunit.Skipped + $pester.Skipped))
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $pwsh = Get-PwshCommand
    & $pwsh[0] $pwsh[1] -NoProfile -NonInteractive -File (Join-Path $root 'demo/Invoke-Demo.ps1') -ModulePath (Join-Path $moduleOut 'Retrain.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    if ($Configuration -ne 'Release') { throw 'Benchmarks measure Release builds only.' }
    Invoke-Build
    $python = & (Join-Path $root 'tools/Install-ReferenceTools.ps1')
    $pwsh = Get-PwshCommand
    $harness = Join-Path $root "tests/Retrain.Benchmarks/bin/$Configuration/net8.0/Retrain.Benchmarks.dll"
    $outDir = if ($Smoke) { Join-Path $out 'bench-smoke' } else { Join-Path $root 'tests/Retrain.Benchmarks' }
    $work = Join-Path ([IO.Path]::GetTempPath()) "retrain-bench-$PID"
    $arguments = @($harness, 'bench', '--out', $outDir, '--work', $work, '--repo', $root, '--python', $python,
        '--module', (Join-Path $moduleOut 'Retrain.psd1'), '--pwsh', $pwsh[0], '--pwsh-dll', $pwsh[1])
    if ($Smoke) { $arguments += '--smoke' }
    if ($Case) { $arguments += @('--case', ($Case -join ',')) }
    Write-Host "Load before the run: $(Get-Content /proc/loadavg -ErrorAction SilentlyContinue)"
    try { Invoke-Native dotnet $arguments }
    finally { if (Test-Path $work) { Remove-Item $work -Recurse -Force } }
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $out 'Retrain.zip'
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $moduleOut -DestinationPath $zip
    Write-Host ("Packaged {0} ({1:N1} MB)" -f $zip, ((Get-Item $zip).Length / 1MB))
}

function Invoke-Clean {
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    Get-ChildItem $root -Directory -Recurse -Include bin, obj | Where-Object FullName -NotLike '*node_modules*' | Remove-Item -Recurse -Force
    Write-Host 'Clean.'
}

Push-Location $root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
