# Issue 13: hostile inputs end in a typed error in a process that survives, and nothing half-written.
# Each case runs in a real child process (a stack overflow or a huge allocation would end it), or races real
# processes against each other.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:store = Join-Path $TestDrive 'store'
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = "file:$store"
    $script:small = @(Import-CmapssObject train_FD001 | Where-Object unit -le 8)
    foreach ($g in $small | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $script:first = $small | Invoke-ModelTraining -ModelName pm -Trainer Sdca
    $script:second = $small | Select-Object -First 600 | Invoke-ModelTraining -ModelName pm -Trainer FastTree
    $script:modelFolder = Export-TestModelFolder $first (Join-Path $TestDrive 'model')

    # Runs a script in a fresh pwsh with the module and this file's store; exit code, output and peak memory (MB).
    function Invoke-Child([string] $Body) {
        $file = Join-Path $TestDrive ("child-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content $file "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = 'file:$store'`nImport-Module '$env:RETRAIN_TEST_MODULE'`n$Body"
        $timeFile = Join-Path $TestDrive 'time.txt'
        $output = & /usr/bin/time -v -o $timeFile ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE
        $rss = [double]((Get-Content $timeFile | Select-String 'Maximum resident set size \(kbytes\): (\d+)').Matches[0].Groups[1].Value) / 1024
        [pscustomobject]@{ ExitCode = $code; Text = $output -join "`n"; PeakMB = $rss }
    }
    function Copy-ModelFolder([string] $Name) {
        $to = Join-Path $TestDrive $Name
        Copy-Item $modelFolder $to -Recurse
        $to
    }
    function Get-RunCount { @(Get-ChildItem (Join-Path $store 'runs') -Directory).Count }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'A config nested 20,000 levels deep (item 1)' {
    It 'is a ConfigSyntaxError naming the line; the process lives on' {
        $config = Join-Path $TestDrive 'deep.yaml'
        Set-Content $config ("data:`n  feature_columns: " + ('[' * 20000) + (']' * 20000))
        $r = Invoke-Child "try { Get-RetrainStore -ConfigPath '$config' } catch { 'caught ' + `$_.FullyQualifiedErrorId + ' | ' + `$_.Exception.Message }; 'alive'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'caught ConfigSyntaxError'
        $r.Text | Should -Match 'deep\.yaml line 2: lists and mappings are nested more than 64 levels'
        $r.Text | Should -Match 'alive'
    }
}

Describe 'A hostile manifest (item 3)' {
    It 'window_features 1e9 is BadManifest naming the field, at registration and at load, in little memory' {
        $folder = Copy-ModelFolder 'wide'
        $path = Join-Path $folder 'manifest.json'
        $m = Get-Content $path -Raw | ConvertFrom-Json
        $m.window_features = 1000000000
        $m | ConvertTo-Json -Depth 10 | Set-Content $path
        $runs = Get-RunCount
        $r = Invoke-Child @"
try { Register-ModelVersion -Path '$folder' -Name pm-wide } catch { 'register: ' + `$_.Exception.ErrorId + ' ' + `$_.Exception.Message }
`$row = [pscustomobject]@{ unit = 1; cycle = 1 }
try { Invoke-ModelPrediction -ModelUri '$folder' -Data `$row } catch { 'load: ' + `$_.Exception.ErrorId + ' ' + `$_.Exception.Message }
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'register: BadManifest .*window_features'
        $r.Text | Should -Match 'load: BadManifest .*window_features'
        $r.PeakMB | Should -BeLessThan 1024 -Because 'the manifest''s number must not size an allocation'
        Get-RunCount | Should -Be $runs -Because 'a refused registration leaves no run and no copy'
    }

    It 'features <Case> is BadManifest naming the field' -ForEach @(
        @{ Case = 'null'; Value = $null; Field = 'features' }
        @{ Case = 'empty'; Value = @(); Field = 'features' }
        @{ Case = 'repeated'; Value = @('s2', 's2'); Field = 'features\[1\]' }
    ) {
        $folder = Copy-ModelFolder "features-$Case"
        $path = Join-Path $folder 'manifest.json'
        $m = Get-Content $path -Raw | ConvertFrom-Json
        $m.features = $Value
        $m | ConvertTo-Json -Depth 10 | Set-Content $path
        $e = { Register-ModelVersion -Path $folder -Name "pm-$Case" } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'BadManifest'
        $e.Exception.Message | Should -Match $Field
    }
}

Describe 'Swapping model.zip while versions load (item 4)' {
    It 'never serves bytes other than the registered ones' {
        # The stored files of version 1, and a valid model of another version to swap in.
        $zip = Join-Path $store "runs/$($first.RunId)/artifacts/model/model.zip"
        $good = Join-Path $TestDrive 'good.zip'
        $evil = Join-Path $TestDrive 'evil.zip'
        Copy-Item $zip $good
        Copy-Item (Join-Path $store "runs/$($second.RunId)/artifacts/model/model.zip") $evil
        $row = $small[100]
        $expected = (Invoke-ModelPrediction -ModelUri models:/pm/1 -Data $row).Prediction
        $other = (Invoke-ModelPrediction -ModelUri models:/pm/2 -Data $row).Prediction
        $other | Should -Not -Be $expected
        # A separate process swaps the file in and out by rename (each state a whole valid model).
        $swap = Join-Path $TestDrive 'swap.sh'
        Set-Content $swap "end=`$((SECONDS+8)); while [ `$SECONDS -lt `$end ]; do cp '$evil' '$zip.s'; mv '$zip.s' '$zip'; cp '$good' '$zip.s'; mv '$zip.s' '$zip'; done"
        $swapper = Start-Process bash -PassThru -ArgumentList $swap
        Start-Sleep -Milliseconds 200
        $swapper.HasExited | Should -BeFalse -Because 'the swapper must be running'
        try {
            $served = 0; $swapped = 0; $refused = 0; $failed = 0; $lastFailure = ''; $clock = [Diagnostics.Stopwatch]::StartNew()
            while ($clock.Elapsed.TotalSeconds -lt 6) {
                try {
                    $p = (Invoke-ModelPrediction -ModelUri models:/pm/1 -Data $row -ErrorAction Stop).Prediction
                    if ($p -eq $expected) { $served++ } else { $swapped++ }
                } catch {
                    if ($_.Exception.PSObject.Properties['ErrorId'] -and $_.Exception.ErrorId -eq 'ArtifactTampered') { $refused++ }
                    else { $failed++; $lastFailure = "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
                }
            }
        } finally {
            $swapper.WaitForExit()
        }
        Write-Host "swap race: $($served + $swapped + $refused) loads, $served served the registered model, $swapped served the swapped one, $refused refused (ArtifactTampered), $failed failed otherwise $lastFailure"
        $swapped | Should -Be 0
        $failed | Should -Be 0 -Because $lastFailure
        $refused | Should -BeGreaterThan 0 -Because 'the race must really have happened'
        $served | Should -BeGreaterThan 0
        Copy-Item $good $zip -Force
    }
}

Describe 'Register-ModelVersion -Path refuses what is not a regular file or folder (item 5)' {
    It 'refuses <Case> before copying anything' -ForEach @(
        @{ Case = 'a link to /etc/hostname'; Make = { param($f) New-Item -ItemType SymbolicLink -Path (Join-Path $f 'host') -Target /etc/hostname | Out-Null }; Name = 'host' }
        @{ Case = 'a link loop'; Make = { param($f) New-Item -ItemType SymbolicLink -Path (Join-Path $f 'loop') -Target $f | Out-Null }; Name = 'loop' }
        @{ Case = 'a FIFO'; Make = { param($f) mkfifo (Join-Path $f 'pipe') }; Name = 'pipe' }
    ) {
        $folder = Copy-ModelFolder ("odd-" + [guid]::NewGuid().ToString('n'))
        & $Make $folder
        $runs = Get-RunCount
        $e = { Register-ModelVersion -Path $folder -Name pm-odd } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'UnsupportedFileType'
        $e.Exception.Message | Should -Match ([regex]::Escape($Name))
        Get-RunCount | Should -Be $runs
        { Get-ModelVersion pm-odd } | Should -Throw
    }
}

Describe 'Write-RetrainRun -ArtifactFile refuses what is not a regular file or folder (item 5)' {
    It 'refuses <Case> before the run starts' -ForEach @(
        @{ Case = 'a folder holding a link to /etc/hostname'; Make = { param($f) New-Item -ItemType SymbolicLink -Path (Join-Path $f 'host') -Target /etc/hostname | Out-Null; $f }; Name = 'host' }
        @{ Case = 'a link given alone'; Make = { param($f) New-Item -ItemType SymbolicLink -Path (Join-Path $f 'alone') -Target /etc/hostname | Out-Null; Join-Path $f 'alone' }; Name = 'alone' }
        @{ Case = 'a FIFO given alone (which would block a reader)'; Make = { param($f) mkfifo (Join-Path $f 'pipe'); Join-Path $f 'pipe' }; Name = 'pipe' }
    ) {
        $folder = Join-Path $TestDrive ("files-" + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory $folder | Out-Null
        Set-Content (Join-Path $folder 'notes.txt') 'kept out'
        $given = & $Make $folder
        $runs = Get-RunCount
        $e = { Write-RetrainRun -Experiment odd-files -ArtifactFile $given } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'UnsupportedFileType'
        $e.Exception.Message | Should -Match ([regex]::Escape($Name))
        Get-RunCount | Should -Be $runs
    }
}

Describe 'Names are checked before any work, and derived run names always fit (item 9)' {
    It 'a 200-character model name registers and trains; its runs have names that fit' {
        $name = ('m' * 199) + 'x'
        $v = Register-ModelVersion -Path $modelFolder -Name $name
        $v.Name | Should -Be $name
        (Get-RetrainRun -RunId $v.RunId).RunName.Length | Should -BeLessOrEqual 200
        $trained = $small | Select-Object -First 400 | Invoke-ModelTraining -ModelName $name -Trainer Sdca
        $trained.Version | Should -Be 2
        (Get-RetrainRun -RunId $trained.RunId).RunName | Should -Match '^train m+…[0-9a-f]{8} \(Sdca\)$'
    }

    It 'a run name with a newline is reported as a run name, before anything is written' {
        $runs = Get-RunCount
        $e = { Write-RetrainRun -Experiment names -RunName "a`nb" -ArtifactFile $modelFolder } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'InvalidRunName'
        $e.Exception.Message | Should -Match '^Run name'
        Get-RunCount | Should -Be $runs
    }

    It 'a parameter key with a NUL leaves no Failed run holding copied files' {
        $runs = Get-RunCount
        $e = { Write-RetrainRun -Experiment names -Parameter @{ "bad`0key" = 1 } -ArtifactFile $modelFolder } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'InvalidKey'
        $e.Exception.Message | Should -Match '^Parameter key'
        Get-RunCount | Should -Be $runs
    }

    It 'an invalid model name is refused before the model folder is copied' {
        $runs = Get-RunCount
        $e = { Register-ModelVersion -Path $modelFolder -Name "pm`nx" } | Should -Throw -PassThru
        $e.Exception.ErrorId | Should -Be 'InvalidModelName'
        Get-RunCount | Should -Be $runs
    }
}
