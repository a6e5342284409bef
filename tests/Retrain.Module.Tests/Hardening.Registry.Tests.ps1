# Issue 13 items 6 and 7: a registry log edited, cut, emptied or extended by hand is refused by the cmdlets of another
# process with StoreCorrupt naming the line, and nothing is "repaired"; a store past a checkpoint opens from it.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:template = Join-Path $TestDrive 'template'
    $env:RETRAIN_STORE_URI = "file:$template"
    $small = @(Import-CmapssObject train_FD001 | Where-Object unit -le 4)
    foreach ($g in $small | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $first = $small | Invoke-ModelTraining -ModelName pm -Trainer Sdca
    $folder = Export-TestModelFolder $first (Join-Path $TestDrive 'model')
    2..4 | ForEach-Object { Register-ModelVersion -Path $folder -Name pm | Out-Null }
    # No cmdlet moves a version to a stage yet (Publish-ProductionModel is issue 14): the engine call a cmdlet would make.
    # The engine loads in the module's own load context, so its types are found through the loaded assembly.
    function New-EngineStore([string] $Folder) {
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Retrain.Engine' } | Select-Object -First 1
        [Activator]::CreateInstance($assembly.GetType('Retrain.Engine.Store.FileStore.FileRetrainStore'), [object[]] @($Folder, $null))
    }
    $engine = New-EngineStore $template
    $engine.TransitionStage('pm', 2, 'Staging', $false, 'test', $null) | Out-Null
    $engine.TransitionStage('pm', 3, 'Production', $true, 'test', $null) | Out-Null
    $engine.SetAlias('pm', 'champion', 3, $null) | Out-Null
    $engine.UpdateVersion('pm', 1, 'first', $null, $null, $null) | Out-Null
    $engine.SetAlias('pm', 'old', 1, $null) | Out-Null
    $engine.Dispose()
    $env:RETRAIN_STORE_URI = $previousStoreUri

    # A copy of the nine-event store to damage; returns its folder.
    function New-StoreCopy {
        $to = Join-Path $TestDrive ('store-' + [guid]::NewGuid().ToString('n'))
        Copy-Item $template $to -Recurse
        $to
    }
    # Runs a script in a fresh pwsh against a store; its output as one string.
    function Invoke-Child([string] $Store, [string] $Body) {
        $file = Join-Path $TestDrive ("child-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content $file "`$ErrorActionPreference = 'Stop'`n`$env:RETRAIN_STORE_URI = 'file:$Store'`nImport-Module '$env:RETRAIN_TEST_MODULE'`ntry { $Body } catch { 'caught ' + `$_.FullyQualifiedErrorId + ' | ' + `$_.Exception.Message }"
        (& ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }) -join "`n"
    }
    function Get-LogLines([string] $Store) { @(Get-Content (Join-Path $Store 'registry/events.jsonl')) }
    function Set-LogLines([string] $Store, [string[]] $Lines) {
        [IO.File]::WriteAllText((Join-Path $Store 'registry/events.jsonl'), (($Lines -join "`n") + "`n"))
    }
}
AfterAll { $env:RETRAIN_STORE_URI = $previousStoreUri }

Describe 'A registry log changed by hand (item 6)' {
    It 'Staging edited to Production in line 5 gives StoreCorrupt naming the line, not two Production versions' {
        $store = New-StoreCopy
        $lines = Get-LogLines $store
        $lines[4] = $lines[4].Replace('"stage":"Staging"', '"stage":"Production"')
        Set-LogLines $store $lines
        $text = Invoke-Child $store "Get-ProductionModel -Name pm | ForEach-Object { 'served ' + `$_.Version }"
        $text | Should -Match 'caught StoreCorrupt'
        $text | Should -Match 'line 6 is chained to different earlier lines'
        $text | Should -Not -Match 'served'
    }

    It 'a removed middle line and two swapped lines are named' {
        $store = New-StoreCopy
        $lines = Get-LogLines $store
        Set-LogLines $store (@($lines[0..2]) + @($lines[4..8]))
        Invoke-Child $store 'Get-ModelVersion -Name pm' | Should -Match 'caught StoreCorrupt.*line 4 is chained to different earlier lines'
        Set-LogLines $store (@($lines[0..5]) + @($lines[7], $lines[6], $lines[8]))
        Invoke-Child $store 'Get-ModelVersion -Name pm' | Should -Match 'caught StoreCorrupt.*line 7 is chained to different earlier lines'
    }

    It 'an appended line without the chain is refused' {
        $store = New-StoreCopy
        $forged = (Get-LogLines $store)[-1] | ConvertFrom-Json -AsHashtable
        $forged.Remove('previous_hash')
        $forged.sequence = 10
        $forged.alias = 'forged'
        Add-Content (Join-Path $store 'registry/events.jsonl') ($forged | ConvertTo-Json -Compress -Depth 5)
        Invoke-Child $store 'Get-ModelVersion -Name pm -Alias forged' | Should -Match 'caught StoreCorrupt.*line 10 carries no previous_hash'
    }

    It 'a cut in the middle of line 5 of 9 is corruption and the writer leaves the file as it found it' {
        $store = New-StoreCopy
        $log = Join-Path $store 'registry/events.jsonl'
        $lines = Get-LogLines $store
        $cut = ($lines[0..3] | ForEach-Object { [Text.Encoding]::UTF8.GetByteCount($_) + 1 } | Measure-Object -Sum).Sum + 40
        $stream = [IO.File]::Open($log, 'Open'); $stream.SetLength($cut); $stream.Dispose()
        $text = Invoke-Child $store "Register-ModelVersion -Path '$(Join-Path $TestDrive 'model')' -Name pm"
        $text | Should -Match 'caught StoreCorrupt'
        $text | Should -Match 'holds 4 complete events and an incomplete line.*events 5–9 were removed'
        (Get-Item $log).Length | Should -Be $cut
    }

    It 'an emptied log is corruption; with its head deleted too, numbering does not restart at 1' {
        $store = New-StoreCopy
        Set-Content (Join-Path $store 'registry/events.jsonl') -Value $null -NoNewline
        Invoke-Child $store 'Get-ModelVersion -Name pm' | Should -Match 'caught StoreCorrupt.*events 1–9 were removed'
        Remove-Item (Join-Path $store 'registry/head.json')
        $text = Invoke-Child $store "Register-ModelVersion -Path '$(Join-Path $TestDrive 'model')' -Name pm | ForEach-Object { 'registered ' + `$_.Version }"
        $text | Should -Match 'caught StoreCorrupt.*became version 4 of it: the log was emptied or replaced'
        $text | Should -Not -Match 'registered \d'
    }
}

Describe 'A store past a checkpoint (item 7)' {
    It 'opens from the checkpoint in another process and answers as the whole log does' {
        $store = New-StoreCopy
        $engine = New-EngineStore $store
        1..100 | ForEach-Object { $engine.UpdateVersion('pm', 4, "note $_", $null, $null, $null) | Out-Null }
        $engine.Dispose()
        Test-Path (Join-Path $store 'registry/checkpoint.json') | Should -BeTrue
        $text = Invoke-Child $store "(Get-ProductionModel -Name pm).Version; (Get-ModelVersion -Name pm -Version 4).Description; (Get-ModelVersion -Name pm -Alias old).Version"
        $text | Should -Be "3`nnote 100`n1"
    }
}
