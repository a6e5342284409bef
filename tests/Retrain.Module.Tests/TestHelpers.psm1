# Helpers shared by the Pester suites: where things are, and real C-MAPSS data as objects or CSV.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-RepoRoot { $script:RepoRoot }

function Get-CmapssPath([Parameter(Mandatory)] [string] $Name) {
    Join-Path $script:RepoRoot "tests/data/cmapss/$Name.txt.gz"
}

# Reads a gzipped C-MAPSS text file into objects with the module's column names (unit, cycle, setting1..3, s1..s21).
function Import-CmapssObject([Parameter(Mandatory)] [string] $Name) {
    $names = @('unit', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" })
    $stream = [IO.Compression.GZipStream]::new([IO.File]::OpenRead((Get-CmapssPath $Name)), [IO.Compression.CompressionMode]::Decompress)
    $reader = [IO.StreamReader]::new($stream)
    try {
        while ($null -ne ($line = $reader.ReadLine())) {
            $fields = $line.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)
            $row = [ordered]@{}
            for ($i = 0; $i -lt $names.Count; $i++) { $row[$names[$i]] = [double]::Parse($fields[$i], [cultureinfo]::InvariantCulture) }
            [pscustomobject]$row
        }
    }
    finally { $reader.Dispose() }
}

# Writes units -From..-To of a gzipped C-MAPSS text file as CSV with the module's column names and the run-to-failure
# rul (last cycle - cycle; left out with -NoRul), straight from the text: quicker than Import-CmapssObject | Export-TestCsv.
function Export-CmapssCsv([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Path, [int] $From = 1, [int] $To = [int]::MaxValue, [switch] $NoRul) {
    $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.File]::OpenRead((Get-CmapssPath $Name)), [IO.Compression.CompressionMode]::Decompress))
    $rows = [Collections.Generic.List[string[]]]::new()
    $last = @{}
    try {
        while ($null -ne ($line = $reader.ReadLine())) {
            $f = $line.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)
            if ($f.Count -and [int]$f[0] -ge $From -and [int]$f[0] -le $To) { $rows.Add($f); $last[$f[0]] = [int]$f[1] }
        }
    }
    finally { $reader.Dispose() }
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add(((@('unit', 'cycle', 'setting1', 'setting2', 'setting3') + (1..21 | ForEach-Object { "s$_" }) + @(if (-not $NoRul) { 'rul' })) -join ','))
    foreach ($f in $rows) { $lines.Add((($f[0..25] + @(if (-not $NoRul) { $last[$f[0]] - [int]$f[1] })) -join ',')) }
    [IO.File]::WriteAllLines($Path, $lines)
    $Path
}

# Writes objects as an invariant-culture CSV file (what a user's Export-Csv would give).
function Export-TestCsv([Parameter(Mandatory)] [object[]] $InputObject, [Parameter(Mandatory)] [string] $Path) {
    $InputObject | Export-Csv -Path $Path -NoTypeInformation -UseQuotes AsNeeded
    $Path
}

# Runs a script in a brand-new PowerShell process (nothing of this session loaded) and returns its output lines.
function Invoke-FreshPwsh([Parameter(Mandatory)] [string] $Script) {
    $file = Join-Path ([IO.Path]::GetTempPath()) ("retrain-test-{0}.ps1" -f [guid]::NewGuid())
    Set-Content -Path $file -Value $Script
    try {
        $output = & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function New-TestConfig([Parameter(Mandatory)] [string] $Yaml, [Parameter(Mandatory)] [string] $Folder) {
    $path = Join-Path $Folder ("config-{0}.yaml" -f [guid]::NewGuid().ToString('n').Substring(0, 8))
    Set-Content -Path $path -Value $Yaml
    $path
}

# The one place the suites know how a store backend lays its data out. Tests of behaviour go through the
# cmdlets and these helpers, so they run unchanged against another backend; a Describe tagged FileStore
# tests the file store's own files (a torn log line, a tampered artifact) and has no meaning elsewhere.
function Get-TestFileStoreRoot {
    if ($env:RETRAIN_STORE_URI -notlike 'file:*') { throw "This test needs a file store; RETRAIN_STORE_URI is '$env:RETRAIN_STORE_URI'." }
    $env:RETRAIN_STORE_URI.Substring(5)
}

# A registered version's model folder, copied out of the store to a folder of the test's own (as a user
# exports one), for Register-ModelVersion -Path and path-form model URIs.
function Export-TestModelFolder([Parameter(Mandatory)] $Version, [Parameter(Mandatory)] [string] $Destination) {
    $source = Join-Path (Get-TestFileStoreRoot) "runs/$($Version.RunId)/artifacts/model"
    Copy-Item $source $Destination -Recurse
    $Destination
}

# Everything the store holds, as lines that differ when anything in it changed (for -WhatIf checks).
function Get-TestStoreSnapshot {
    $root = Get-TestFileStoreRoot
    # -Force: the store's temporary files (.retrain-tmp-*) are hidden on Unix, and a -WhatIf must not remove them either.
    Get-ChildItem $root -Recurse -File -Force | Sort-Object FullName | ForEach-Object {
        '{0} {1}' -f $_.FullName.Substring($root.Length), (Get-FileHash $_.FullName -Algorithm SHA256).Hash
    }
}

# The registry's own files (the event log and its head) as text that differs when any byte changed: a refused change
# must leave them as they were.
function Get-TestRegistryBytes {
    $root = Get-TestFileStoreRoot
    foreach ($f in 'events.jsonl', 'head.json') { [Convert]::ToBase64String([IO.File]::ReadAllBytes((Join-Path $root "registry/$f"))) }
}

# The registry's event records, oldest first.
function Get-TestRegistryEvent { Get-Content (Join-Path (Get-TestFileStoreRoot) 'registry/events.jsonl') | ConvertFrom-Json }


# Moves a version to a stage through the engine's registry API (the store the environment names), for fixtures
# that need a Production or Archived version before a cmdlet for promotion exists. Backend-neutral: no file layout.
function Set-TestModelStage([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Version, [Parameter(Mandatory)] [string] $Stage) {
    $engine = (Get-Command Get-ModelVersion).OutputType[0].Type.Assembly
    $options = $engine.GetType('Retrain.Engine.Configuration.ConfigurationLoader')::Resolve($null)
    $options.WorkingDirectory = (Get-Location).ProviderPath
    $store = $engine.GetType('Retrain.Engine.Store.StoreFactory')::Open($options.Store, $options.BaseDirectory)
    try { $null = $store.TransitionStage($Name, $Version, $Stage, $true, 'test fixture', $null) }
    finally { $store.Dispose() }
}

# Holds a version for approval as the pipeline will (DeploymentWorkflow.RequestApproval, the store the environment names):
# no cmdlet asks for approval, Invoke-Retraining does. -ExpiryDays overrides deployment.approval_expiry_days (a tiny value
# gives a request that has expired by the next command); -ExpectedCurrentVersion is the champion it was compared against.
function Request-TestApproval([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Version, [string] $Reason = 'won the comparison',
    [Nullable[int]] $ExpectedCurrentVersion = $null, [double] $ExpiryDays = 0) {
    $engine = (Get-Command Get-ModelVersion).OutputType[0].Type.Assembly
    $options = $engine.GetType('Retrain.Engine.Configuration.ConfigurationLoader')::Resolve($null)
    $options.WorkingDirectory = (Get-Location).ProviderPath
    if ($ExpiryDays -gt 0) { $options.Deployment.ApprovalExpiryDays = $ExpiryDays }
    $store = $engine.GetType('Retrain.Engine.Store.StoreFactory')::Open($options.Store, $options.BaseDirectory)
    try {
        $uri = $engine.GetType('Retrain.Engine.Registry.ModelUri')::Parse("models:/$Name/$Version")
        $engine.GetType('Retrain.Engine.Pipeline.DeploymentWorkflow')::RequestApproval($store, $options, $uri, $Reason, $ExpectedCurrentVersion)
    }
    finally { $store.Dispose() }
}

Export-ModuleMember -Function *
