# Issue 13 item 8: a write to a store it cannot change fails at once and says so; one that waits for the lock names
# the real holder (pid, machine, since when) or calls its note stale. Real processes throughout: a read-only bind
# mount in a private mount namespace (the tests run as root, which ignores permission bits), a pwsh stopped with
# SIGSTOP in the middle of a registration, and flock(1) holding the lock without writing a note.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'seed')
    $small = @(Import-CmapssObject train_FD001 | Where-Object unit -le 3)
    foreach ($g in $small | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $script:csv = Export-TestCsv $small (Join-Path $TestDrive 'small.csv')
    $script:modelFolder = Export-TestModelFolder ($small | Invoke-ModelTraining -ModelName pm -Trainer Sdca) (Join-Path $TestDrive 'model')
    $script:machine = [Environment]::MachineName
    $script:config = New-TestConfig "store:`n  lock_timeout_seconds: 2" $TestDrive

    # A fresh store with one registered version (pm 1).
    function New-Store([string] $Name) {
        $store = Join-Path $TestDrive $Name
        $env:RETRAIN_STORE_URI = "file:$store"
        $null = Register-ModelVersion -Path $modelFolder -Name pm
        $store
    }

    # A script for a pwsh child: $Body against $Store, with $Config if given (else the defaults).
    function New-ChildScript([string] $Store, [string] $Body, [string] $Config) {
        $file = Join-Path $TestDrive ("child-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        $setConfig = if ($Config) { "`$env:RETRAIN_CONFIG = '$Config'" } else { "Remove-Item env:RETRAIN_CONFIG -ErrorAction Ignore" }
        Set-Content $file "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = 'file:$Store'`n$setConfig`nImport-Module '$env:RETRAIN_TEST_MODULE'`n$Body"
        $file
    }

    # Runs a child to its end: exit code and output.
    function Invoke-Child([string] $Store, [string] $Body, [string] $Config, [string] $MountReadOnly) {
        $file = New-ChildScript $Store $Body $Config
        $dotnet = [Environment]::ProcessPath
        $output = if ($MountReadOnly) {
            # One step (util-linux 2.27+), else bind then remount read-only; the namespace dies with the child.
            $mount = "{ mount --bind -o ro '$MountReadOnly' '$MountReadOnly' || { mount --bind '$MountReadOnly' '$MountReadOnly' && mount -o remount,ro,bind '$MountReadOnly'; }; }"
            & unshare -m bash -c "$mount && exec '$dotnet' '$env:RETRAIN_TEST_PWSH' -NoProfile -NonInteractive -File '$file'" 2>&1 | ForEach-Object { "$_" }
        }
        else {
            & $dotnet $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $output -join "`n" }
    }

    # A child line for one write: 'ok <s>' or 'failed <ErrorId> <category> <s> | <message>'.
    $script:timedWrite = @'
function Write-Timed([string] $What, [scriptblock] $Write) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try { $null = & $Write; "$What ok {0:0.00}" -f $clock.Elapsed.TotalSeconds }
    catch { "$What failed {0} {1} {2:0.00} | {3}" -f $_.Exception.ErrorId, $_.CategoryInfo.Category, $clock.Elapsed.TotalSeconds, $_.Exception.Message }
}
'@
    function Get-Seconds([string] $Text, [string] $What) {
        [double]([regex]::Match($Text, "(?m)^$What (?:ok|failed \S+ \S+) ([\d.]+)").Groups[1].Value)
    }

    # A process that has ended, so its pid names nobody.
    function Get-EndedPid {
        $p = [Diagnostics.Process]::Start('true')
        $p.WaitForExit()
        $p.Id
    }

    function Write-StaleNote([string] $Store, [int] $ProcessId) {
        $started = [DateTimeOffset]::UtcNow.AddMinutes(-3)
        @{ pid = $ProcessId; machine = $machine; user = 'ghost'; process_start = $started.ToString('o'); process_start_ticks = 1; since = $started.AddSeconds(5).ToString('o') } |
            ConvertTo-Json | Set-Content (Join-Path $Store 'store.lock.owner')
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'A read-only store (item 8)' {
    It 'refuses a registration and a training at once with StoreReadOnly, and still reads' {
        $store = New-Store 'read-only'
        $r = Invoke-Child $store -MountReadOnly $store @"
$timedWrite
Write-Timed register { Register-ModelVersion -Path '$modelFolder' -Name pm }
Write-Timed train { Invoke-ModelTraining -TrainingPath '$csv' -ModelName pm -Trainer Sdca }
'read ' + (Get-ModelVersion -Name pm).Version
"@
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match '(?m)^register failed StoreReadOnly SecurityError '
        $r.Text | Should -Match '(?m)^train failed StoreReadOnly SecurityError '
        $r.Text | Should -Match ([regex]::Escape("the store '$store': it is on a read-only file system"))
        $r.Text | Should -Match 'mount it read-write, or point store.uri'
        Get-Seconds $r.Text register | Should -BeLessThan 5 -Because 'waiting cannot make a read-only store writable'
        Get-Seconds $r.Text train | Should -BeLessThan 5
        $r.Text | Should -Match '(?m)^read 1$' -Because 'reads of a read-only store work'
        (Get-ModelVersion -Name pm).Count | Should -Be 1 -Because 'nothing was written'
    }
}

Describe 'A store whose lock another process holds (item 8)' {
    It 'names the holder, a pwsh stopped in the middle of a registration, by pid, machine and since when' {
        $store = New-Store 'held'
        $note = Join-Path $store 'store.lock.owner'
        $file = New-ChildScript $store "while (`$true) { `$null = Register-ModelVersion -Path '$modelFolder' -Name pm }"
        $holder = [Diagnostics.Process]::Start([Environment]::ProcessPath, [string[]]@($env:RETRAIN_TEST_PWSH, '-NoProfile', '-NonInteractive', '-File', $file))
        try {
            # Stop it the moment its note appears (it exists only while the lock is held); if it let go in between, go on.
            $caught = $false
            for ($try = 0; $try -lt 40 -and -not $caught; $try++) {
                & bash -c 'while (( SECONDS < 20 )); do if [ -e "$1" ]; then kill -STOP "$2"; exit 0; fi; done; exit 1' _ $note $holder.Id
                $LASTEXITCODE | Should -Be 0 -Because 'the holder registers in a loop'
                $caught = (Test-Path $note) -and (Get-Content $note -Raw | ConvertFrom-Json).pid -eq $holder.Id
                if (-not $caught) { & kill -CONT $holder.Id }
            }
            $caught | Should -BeTrue -Because 'the holder was stopped holding the lock'
            $since = [DateTimeOffset]::Parse([regex]::Match((Get-Content $note -Raw), '"since":\s*"([^"]+)"').Groups[1].Value, [cultureinfo]::InvariantCulture)

            $r = Invoke-Child $store -Config $config @"
$timedWrite
Write-Timed register { Register-ModelVersion -Path '$modelFolder' -Name pm }
"@
            $r.Text | Should -Match '(?m)^register failed StoreLockTimeout ResourceUnavailable '
            $r.Text | Should -Match ([regex]::Escape("held by pid $($holder.Id) on $machine (user $([Environment]::UserName)) since $($since.ToString('u'))"))
            $r.Text | Should -Match 'which is still running'
            Get-Seconds $r.Text register | Should -BeGreaterOrEqual 2 -Because 'store.lock_timeout_seconds is 2'
            Get-Seconds $r.Text register | Should -BeLessThan 6
        }
        finally {
            & kill -CONT $holder.Id
            $holder.Kill()
            $holder.WaitForExit()
        }
    }
}

Describe 'A stale holder note (item 8)' {
    It 'does not stop a writer when the lock is free, and is gone after the write' {
        $store = New-Store 'stale-free'
        $dead = Get-EndedPid
        Write-StaleNote $store $dead
        $r = Invoke-Child $store -Config $config @"
$timedWrite
Write-Timed register { Register-ModelVersion -Path '$modelFolder' -Name pm }
"@
        $r.Text | Should -Match '(?m)^register ok '
        Get-Seconds $r.Text register | Should -BeLessThan 5
        Join-Path $store 'store.lock.owner' | Should -Not -Exist -Because 'the writer replaced the stale note with its own and removed it on release'
    }

    It 'is called stale when a process that wrote no note holds the lock' {
        $store = New-Store 'stale-held'
        $lock = Join-Path $store 'store.lock'
        $dead = Get-EndedPid
        Write-StaleNote $store $dead
        # flock(1) holds the lock as any other program might; -o: the sleep it runs does not inherit the lock.
        $holder = [Diagnostics.Process]::Start('flock', [string[]]@('-o', $lock, 'sleep', '60'))
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            do { & flock -n $lock true; $held = $LASTEXITCODE -ne 0 } until ($held -or [DateTime]::UtcNow -gt $deadline)
            $held | Should -BeTrue

            $r = Invoke-Child $store -Config $config @"
$timedWrite
Write-Timed register { Register-ModelVersion -Path '$modelFolder' -Name pm }
"@
            $r.Text | Should -Match '(?m)^register failed StoreLockTimeout ResourceUnavailable '
            $r.Text | Should -Match 'held by a process that wrote no note'
            $r.Text | Should -Match ([regex]::Escape("store.lock.owner' is stale, it names pid $dead on $machine (user ghost)"))
            $r.Text | Should -Match 'which is no longer running'
            $r.Text | Should -Not -Match 'still running'
        }
        finally {
            $holder.Kill($true)
            $holder.WaitForExit()
        }
    }
}
