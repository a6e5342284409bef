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
