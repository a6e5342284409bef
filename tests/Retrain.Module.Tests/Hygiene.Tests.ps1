# Store hygiene: where the store is by default, removing runs and versions, checking without logging, and a
# run's artifacts and history. Guarantees about processes (the default store) are tested in child pwsh processes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:ref = Get-CmapssPath test_FD001

    # Runs a script in a new pwsh whose environment has no RETRAIN_STORE_URI or RETRAIN_CONFIG (what a scheduled task
    # without configuration sees), with the given variables set and the given working folder.
    function Invoke-ChildPwsh([string] $Body, [string] $WorkingDirectory, [hashtable] $Environment = @{}) {
        $file = Join-Path $TestDrive ("child-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content $file "`$ErrorActionPreference = 'Stop'`nImport-Module '$env:RETRAIN_TEST_MODULE'`n$Body"
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in @($env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $file)) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $WorkingDirectory
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        foreach ($name in 'RETRAIN_STORE_URI', 'RETRAIN_CONFIG', 'XDG_DATA_HOME') { $null = $psi.Environment.Remove($name) }
        foreach ($name in $Environment.Keys) { $psi.Environment[$name] = $Environment[$name] }
        $child = [Diagnostics.Process]::Start($psi)
        $stderr = $child.StandardError.ReadToEndAsync()
        $stdout = $child.StandardOutput.ReadToEnd()
        $child.WaitForExit()
        [pscustomobject]@{ ExitCode = $child.ExitCode; Text = ($stdout + $stderr.Result).Trim() }
    }

    function New-Folder([string] $Name) { (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName }
}

Describe 'The default store, with no configuration file and no RETRAIN_STORE_URI' {
    BeforeAll {
        $script:home1 = New-Folder 'home'
        $script:xdg = New-Folder 'xdg-data'
        $script:taskA = New-Folder 'task-a'
        $script:taskB = New-Folder 'task-b'
    }

    It 'is one per-user folder ($XDG_DATA_HOME/retrain), so tasks started in different folders share one history' {
        $envs = @{ HOME = $home1; XDG_DATA_HOME = $xdg }
        $body = "`$null = Test-ModelDrift '$ref' '$ref' -Quiet`n@(Get-RetrainRun).Count"
        $a = Invoke-ChildPwsh $body $taskA $envs
        $a.ExitCode | Should -Be 0 -Because $a.Text
        $a.Text | Should -Be '1'
        $b = Invoke-ChildPwsh $body $taskB $envs
        $b.ExitCode | Should -Be 0 -Because $b.Text
        $b.Text | Should -Be '2' -Because 'the second task sees the first one''s run'
        Join-Path $taskA '.retrain' | Should -Not -Exist
        Join-Path $taskB '.retrain' | Should -Not -Exist
        Join-Path $xdg 'retrain' | Should -Exist
    }

    It 'is ~/.local/share/retrain without XDG_DATA_HOME; Get-RetrainStore and -Verbose say so' {
        $r = Invoke-ChildPwsh "Get-RetrainStore | ForEach-Object { `$_.Location; `$_.Origin; `$_.Backend }`nGet-RetrainExperiment -Verbose 4>&1 | ForEach-Object { `"`$_`" }" $taskA @{ HOME = $home1 }
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $lines = $r.Text -split "`r?`n"
        $expected = [IO.Path]::Combine($home1, '.local', 'share', 'retrain')
        $lines[0] | Should -Be $expected
        $lines[1] | Should -Be 'UserDefault'
        $lines[2] | Should -Be 'file'
        $lines | Should -Contain "Store: $expected (the per-user default: no configuration file and no `$env:RETRAIN_STORE_URI)."
    }

    It 'is relative to a configuration file when there is one, and RETRAIN_STORE_URI wins over both' {
        $configDir = New-Folder 'config'
        $config = New-TestConfig -Yaml "store:`n  uri: file:./team-store`n" -Folder $configDir
        $r = Invoke-ChildPwsh "Get-RetrainStore -ConfigPath '$config' | ForEach-Object { `$_.Location; `$_.Origin; `$_.ConfigPath }" $taskA @{ HOME = $home1 }
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text -split "`r?`n" | Should -Be @((Join-Path $configDir 'team-store'), 'ConfigFile', $config)
        $override = Join-Path $TestDrive 'override'
        $r = Invoke-ChildPwsh "(Get-RetrainStore -ConfigPath '$config').Origin" $taskA @{ HOME = $home1; RETRAIN_STORE_URI = "file:$override" }
        $r.Text | Should -Be 'EnvironmentVariable'
    }
}

Describe 'Cleaning up: Remove-ModelVersion, Remove-RetrainRun, -NoLog' {
    BeforeAll {
        $script:previousStoreUri = $env:RETRAIN_STORE_URI
        $script:storeUri = 'file:' + (Join-Path $TestDrive 'clean-store')
        $env:RETRAIN_STORE_URI = $storeUri
        $script:test = Get-CmapssPath test_FD001
        $script:v1 = Invoke-ModelTraining -TrainingPath $test -ModelName clean -Trainer Sdca
        $script:folder = Export-TestModelFolder $v1 (Join-Path $TestDrive 'clean-model')
        $null = Register-ModelVersion $folder clean -Confirm:$false
        $null = Register-ModelVersion $folder clean -Confirm:$false
    }
    AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

    It 'removes a piped version as an event; its number is never given again' {
        Get-ModelVersion clean -Version 2 | Remove-ModelVersion -Reason 'bad export' -Force
        (Get-ModelVersion clean).Version | Should -Be @(3, 1)
        { Get-ModelVersion clean -Version 2 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*removed*never reused*'
        (Register-ModelVersion $folder clean -Confirm:$false).Version | Should -Be 4
        $events = @(Get-TestRegistryEvent | Where-Object model -eq clean)
        $events.action | Should -Be @('register_version', 'register_version', 'register_version', 'delete_version', 'register_version')
        @($events | Where-Object action -eq register_version).version | Should -Be @(1, 2, 3, 4)
        $events[3].reason | Should -Be 'bad export'
    }

    It 'refuses a version holding an alias, and -WhatIf reports the refusal without changing anything' {
        Set-ModelVersion clean 3 -Alias champion -Force
        $before = Get-TestStoreSnapshot
        Remove-ModelVersion clean 3 -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Match '^VersionHasAlias'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $refused[0].TargetObject | Should -Be 'models:/clean/3'
        Get-TestStoreSnapshot | Should -Be $before
        Remove-ModelVersion clean 3 -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].Exception.Message | Should -Match "alias 'champion'.*Set-ModelVersion -Alias"
        (Get-ModelVersion clean -Version 3).Version | Should -Be 3
        Remove-ModelVersion clean 4 -WhatIf
        Get-TestStoreSnapshot | Should -Be $before
    }

    It 'refuses a run whose files back a version, and removes it once the version is gone' {
        $v4 = Get-ModelVersion clean -Version 4
        $v4 | Remove-RetrainRun -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Match '^RunBacksModelVersion'
        $refused[0].Exception.Message | Should -Match 'models:/clean/4'
        (Get-RetrainRun -RunId $v4.RunId).RunId | Should -Be $v4.RunId
        $removed = $v4 | Remove-ModelVersion -Force -PassThru
        $removed.Version | Should -Be 4
        $gone = $removed | Remove-RetrainRun -Force -PassThru
        $gone.RunId | Should -Be $v4.RunId
        { Get-RetrainRun -RunId $v4.RunId -ErrorAction Stop } | Should -Throw -ErrorId 'RunNotFound*'
    }

    It 'removes runs piped from Get-RetrainRun' {
        $null = Test-ModelDrift $test $test
        $null = Test-ModelDrift $test $test
        @(Get-RetrainRun drift_monitoring).Count | Should -Be 2
        Get-RetrainRun drift_monitoring | Remove-RetrainRun -Force
        @(Get-RetrainRun drift_monitoring).Count | Should -Be 0
    }

    It 'asks in a non-interactive session by failing with a message to add -Force, and -Force alone removes' {
        $script = Join-Path $TestDrive 'remove.ps1'
        Set-Content $script "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = '$storeUri'`nImport-Module '$env:RETRAIN_TEST_MODULE'`nRemove-ModelVersion clean 1`n'done'"
        $output = & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $script 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 1 -Because ($output -join "`n")
        $output -join "`n" | Should -Match 'Add -Force'
        (Get-ModelVersion clean -Version 1).Version | Should -Be 1
        Set-Content $script "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = '$storeUri'`nImport-Module '$env:RETRAIN_TEST_MODULE'`nRemove-ModelVersion clean 1 -Force`n'done'"
        $output = & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $script 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        (Get-ModelVersion clean).Version | Should -Not -Contain 1
    }

    It 'checks without logging with -NoLog: Test-ModelDrift and Compare-Model write nothing to the store' {
        $before = Get-TestStoreSnapshot
        $report = Test-ModelDrift $test $test -NoLog
        $report.RunId | Should -BeNullOrEmpty
        $report.DriftDetected | Should -BeFalse
        $comparison = Compare-Model models:/clean/3 $test -ChampionUri models:/clean@champion -NoLog
        $comparison.RunId | Should -BeNullOrEmpty
        $comparison.MetricsComparison.Challenger.Count | Should -BeGreaterThan 0
        Get-TestStoreSnapshot | Should -Be $before
        (Test-ModelDrift $test $test).RunId | Should -Match '^[0-9a-f]{32}$'
    }

    It 'validates the model name before a run or a file is written' {
        $runs = @(Get-RetrainRun).Count
        $before = Get-TestStoreSnapshot
        Register-ModelVersion $folder 'bad/name' -Confirm:$false -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -Match '^InvalidModelName'
        @(Get-RetrainRun).Count | Should -Be $runs
        Get-TestStoreSnapshot | Should -Be $before
    }
}

Describe 'Artifacts and history: Write-RetrainRun, Get-RetrainMetric, Get-RetrainRunArtifact, Save-ModelVersion' {
    BeforeAll {
        $script:previousStoreUri = $env:RETRAIN_STORE_URI
        $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'history-store')
        $script:v1 = Invoke-ModelTraining -TrainingPath (Get-CmapssPath test_FD001) -ModelName hist -Trainer Sdca
        $script:notes = Join-Path $TestDrive 'notes.txt'
        Set-Content $notes 'trained on the Q3 export'
        $script:reports = New-Folder 'reports'
        Set-Content (Join-Path $reports 'a.txt') 'a'
        New-Item -ItemType Directory (Join-Path $reports 'sub') | Out-Null
        Set-Content (Join-Path $reports 'sub/b.txt') 'b'
        # The registered digest, computed here from the exported files as the store contract defines it.
        function Get-IndependentDigest([string] $Folder) {
            [string[]] $lines = Get-ChildItem $Folder -Recurse -File | ForEach-Object {
                '{0}:{1}' -f [IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/'), (Get-FileHash $_.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
            }
            [Array]::Sort($lines, [StringComparer]::Ordinal)
            $text = [string]::Concat(@($lines | ForEach-Object { "$_`n" }))
            [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text))).ToLowerInvariant()
        }
    }
    AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

    It 'logs a run of one''s own, with a metric by step, read back in step order' {
        $run = Write-RetrainRun -Experiment my_experiments -RunName epochs -Parameter @{ lr = 0.1 } -Tag @{ who = 'ops' } -Metric @{ loss = 0.9, 0.7, 0.5; mae = 14.2 }
        $run.PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Tracking.Run'
        $run.Status | Should -Be 'Finished'
        $run.Params.lr | Should -Be '0.1'
        $run.Tags.who | Should -Be 'ops'
        $run.Metrics.loss | Should -Be 0.5
        $history = @($run | Get-RetrainMetric -Name loss)
        $history[0].PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Tracking.RunMetric'
        $history.Step | Should -Be @(0, 1, 2)
        $history.Value | Should -Be @(0.9, 0.7, 0.5)
        $history.RunId | Select-Object -Unique | Should -Be $run.RunId
        @(Get-RetrainRun -RunId $run.RunId | Get-RetrainMetric).Key | Should -Be @('loss', 'loss', 'loss', 'mae')
        @(Get-RetrainMetric $run.RunId -Name l*).Count | Should -Be 3
        $lines = ($history | Out-String -Width 80) -split "`r?`n"
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        ($lines -join "`n") | Should -Match $run.RunId
    }

    It 'stores files and folders with the run and lists them' {
        $run = Write-RetrainRun my_experiments -ArtifactFile $notes, $reports -ArtifactPath docs
        $artifacts = @($run | Get-RetrainRunArtifact)
        $artifacts[0].PSObject.TypeNames[0] | Should -Be 'Retrain.Engine.Tracking.RunArtifact'
        $artifacts.Path | Should -Be @('docs/a.txt', 'docs/notes.txt', 'docs/sub/b.txt')
        $artifacts[1].Uri | Should -Be "runs:/$($run.RunId)/docs/notes.txt"
        @(Get-RetrainRunArtifact $run.RunId -Path docs/sub).Path | Should -Be 'docs/sub/b.txt'
        (@(Get-ModelVersion hist -Version 1 | Get-RetrainRunArtifact -Path model).Path | Sort-Object) | Should -Contain 'model/manifest.json'
        ($artifacts | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'stores a number parameter the same way in every culture' {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            (Write-RetrainRun my_experiments -Parameter @{ lr = 0.1 } -Tag @{ threshold = 2.5 }).Params.lr | Should -Be '0.1'
            (Get-RetrainRun my_experiments -First 1).Tags.threshold | Should -Be '2.5'
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
    }

    It 'logs one run per piped object, and refuses a missing file or a metric that is not a number before any run' {
        $runs = @([pscustomobject]@{ Experiment = 'piped'; RunName = 'a'; Metric = @{ m = 1 } }, [pscustomobject]@{ Experiment = 'piped'; RunName = 'b'; Metric = @{ m = 2 } } | Write-RetrainRun)
        $runs.RunName | Should -Be @('a', 'b')
        $count = @(Get-RetrainRun).Count
        { Write-RetrainRun my_experiments -ArtifactFile (Join-Path $TestDrive 'nope.txt') -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactFileNotFound*'
        { Write-RetrainRun my_experiments -Metric @{ mae = 'high' } -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'mae'*not a number*"
        @(Get-RetrainRun).Count | Should -Be $count
    }

    It 'exports a version''s files, exactly the registered bytes, and refuses a non-empty folder without -Force' {
        $destination = Join-Path $TestDrive 'export-1'
        $folder = $v1 | Save-ModelVersion -Destination $destination
        $folder | Should -BeOfType System.IO.DirectoryInfo
        $folder.FullName | Should -Be $destination
        Get-IndependentDigest $destination | Should -Be $v1.ArtifactSha256
        { Save-ModelVersion hist 1 $destination -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationNotEmpty*'
        Set-Content (Join-Path $destination 'stray.txt') 'x'
        Save-ModelVersion hist 1 $destination -Force | Out-Null
        Join-Path $destination 'stray.txt' | Should -Not -Exist
        Get-IndependentDigest $destination | Should -Be $v1.ArtifactSha256
        $before = Get-ChildItem $TestDrive -Name
        Save-ModelVersion hist 1 (Join-Path $TestDrive 'export-whatif') -WhatIf
        Get-ChildItem $TestDrive -Name | Should -Be $before
    }

    It 'exports a folder that registers with the same digest, piped into Register-ModelVersion' {
        $copy = Save-ModelVersion hist 1 (Join-Path $TestDrive 'export-2') | Register-ModelVersion -Name hist-copy -Confirm:$false
        $copy.ArtifactSha256 | Should -Be $v1.ArtifactSha256
    }
}

Describe 'Save-ModelVersion against a tampered store' -Tag FileStore {
    BeforeAll {
        $script:previousStoreUri = $env:RETRAIN_STORE_URI
        $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'tamper-store')
        $script:v = Invoke-ModelTraining -TrainingPath (Get-CmapssPath test_FD001) -ModelName tamper -Trainer Sdca
    }
    AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

    It 'refuses with ArtifactTampered and writes nothing' {
        $zip = Join-Path (Get-TestFileStoreRoot) "runs/$($v.RunId)/artifacts/model/model.zip"
        [IO.File]::AppendAllText($zip, 'x')
        $destination = Join-Path $TestDrive 'tampered-export'
        { Save-ModelVersion tamper 1 $destination -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactTampered*'
        $destination | Should -Not -Exist
        @(Get-ChildItem $TestDrive -Filter '.retrain-export-*' -Force).Count | Should -Be 0
    }
}
