# Issue 14 item 5 with real processes: one process (the pipeline) asks for approval, another (a person, or a runbook)
# approves or denies it, and the registry alone carries the request between them: who asked, why, until when.
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $script:previousConfig = $env:RETRAIN_CONFIG
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $env:RETRAIN_CONFIG = $null
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 4)
    foreach ($g in $rows | Group-Object unit) {
        $max = ($g.Group | Measure-Object cycle -Maximum).Maximum
        foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) }
    }
    $trained = $rows | Invoke-ModelTraining -ModelName appr -Trainer Sdca
    $folder = Export-TestModelFolder $trained (Join-Path $TestDrive 'model')
    2..4 | ForEach-Object { Register-ModelVersion -Path $folder -Name appr | Out-Null }
    Publish-ProductionModel -Name appr -Version 1 -Reason 'first champion' -Force | Out-Null

    # Runs a script in a new pwsh (non-interactive, as a scheduled task or runbook) with the module and the helpers;
    # its lines starting with 'json:' come back as objects, the rest as text.
    function Invoke-Child([string] $Script, [hashtable] $Environment = @{}) {
        $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try {
            $result = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'`nImport-Module `$env:RETRAIN_TEST_MODULE`nImport-Module '$helpers'`n$Script"
        }
        finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
        [pscustomobject]@{
            ExitCode = $result.ExitCode
            Objects  = @($result.Output | Where-Object { $_ -like 'json:*' } | ForEach-Object { $_.Substring(5) | ConvertFrom-Json })
            Text     = $result.Output -join "`n"
        }
    }
    function Get-Stages { (Get-ModelVersion appr | Sort-Object Version | ForEach-Object { "$($_.Version)=$($_.Stage)" }) -join ' ' }
    function Get-EventCount { @(Get-TestRegistryEvent).Count }
}
AfterAll {
    $env:RETRAIN_STORE_URI = $previousStoreUri
    $env:RETRAIN_CONFIG = $previousConfig
}

Describe 'A request made by one process is approved by another' {
    BeforeAll {
        $script:asked = Invoke-Child @'
$r = Request-TestApproval appr 2 -Reason 'v2 beat v1 by 9% MAE' -ExpectedCurrentVersion 1
'json:' + ($r | Select-Object DeploymentStatus, ModelVersion, PreviousVersion, User, ExpiresAt | ConvertTo-Json -Compress)
'@
        $script:pendingAfterAsk = @(Get-PendingDeployment appr)
        $script:stagesAfterAsk = Get-Stages
        $script:noForce = Invoke-Child "Approve-ModelDeployment appr 2"
        $script:stagesAfterNoForce = Get-Stages
        $script:approved = Invoke-Child @'
$p = Get-PendingDeployment appr
'json:' + ($p | Select-Object ModelName, Version, RequestedBy, Reason, Expired, ExpectedCurrentVersion | ConvertTo-Json -Compress)
$d = $p | Approve-ModelDeployment -Reason 'segments reviewed' -Force
'json:' + ($d | Select-Object DeploymentStatus, ModelVersion, PreviousVersion, User, RequestedBy, Reason | ConvertTo-Json -Compress)
'@
    }

    It 'the request holds the candidate in Staging for seven days and leaves Production alone' {
        $asked.ExitCode | Should -Be 0 -Because $asked.Text
        $asked.Objects[0].DeploymentStatus | Should -Be 'PendingApproval'
        $asked.Objects[0].PreviousVersion | Should -Be 1
        ([DateTimeOffset]$asked.Objects[0].ExpiresAt - [DateTimeOffset]::UtcNow).TotalDays | Should -BeGreaterThan 6.99
        $stagesAfterAsk | Should -Be '1=Production 2=Staging 3=None 4=None'
        $pendingAfterAsk.Count | Should -Be 1
        $pendingAfterAsk[0].Reason | Should -Be 'v2 beat v1 by 9% MAE'
        $pendingAfterAsk[0].RequestedBy | Should -Be ([Environment]::UserName)
    }

    It 'a non-interactive session without -Force is told to add it, and nothing changes' {
        $noForce.ExitCode | Should -Not -Be 0
        $noForce.Text | Should -Match 'Add -Force'
        $stagesAfterNoForce | Should -Be $stagesAfterAsk
    }

    It 'the other process sees the request and approves it from the pipeline: published over the champion it was compared against' {
        $approved.ExitCode | Should -Be 0 -Because $approved.Text
        $seen, $record = $approved.Objects
        $seen.Version | Should -Be 2
        $seen.ExpectedCurrentVersion | Should -Be 1
        $seen.Expired | Should -BeFalse
        $record.DeploymentStatus | Should -Be 'Deployed'
        $record.PreviousVersion | Should -Be 1
        $record.User | Should -Be ([Environment]::UserName)
        $record.RequestedBy | Should -Be ([Environment]::UserName)
        $record.Reason | Should -Be 'segments reviewed'
        Get-Stages | Should -Be '1=Archived 2=Production 3=None 4=None'
        @(Get-PendingDeployment appr -IncludeExpired) | Should -BeNullOrEmpty
    }

    It 'the history shows the request and the approval, with who asked' {
        $history = @(Get-DeploymentHistory appr)
        ($history.Action | ForEach-Object { "$_" }) | Should -Be @('Promoted', 'RequestedApproval', 'Approved')
        $history[2].RequestedBy | Should -Be ([Environment]::UserName)
        $history[2].Reason | Should -Be 'segments reviewed'
        (Get-RetrainRun -Experiment model_deployment | Where-Object { $_.Params['status'] -eq 'PendingApproval' }) | Should -Not -BeNullOrEmpty
    }

    It 'approving it again is refused as already decided, and nothing changes' {
        $events = Get-EventCount
        $err = { Approve-ModelDeployment appr 2 -Force -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ApprovalAlreadyDecided*'
        $err.Exception.Message | Should -Match 'already approved by'
        Get-EventCount | Should -Be $events
    }
}

Describe 'A request expires after deployment.approval_expiry_days' {
    BeforeAll {
        # 0.00001 days is 0.86 s: the request is made, then expires while the child waits.
        $config = New-TestConfig -Folder $TestDrive -Yaml "store:`n  uri: '$($env:RETRAIN_STORE_URI)'`ndeployment:`n  approval_expiry_days: 0.00001`n"
        $script:child = Invoke-Child -Environment @{ RETRAIN_CONFIG = $config } -Script @'
$r = Request-TestApproval appr 3 -Reason 'v3 beat v2' -ExpectedCurrentVersion 2
'json:' + ($r | Select-Object DeploymentStatus, Timestamp, ExpiresAt | ConvertTo-Json -Compress)
Start-Sleep -Milliseconds 1500
'json:' + (@(Get-PendingDeployment appr).Count | ConvertTo-Json -Compress)
'json:' + (Get-PendingDeployment appr -IncludeExpired | Select-Object Version, Expired | ConvertTo-Json -Compress)
$events = @(Get-TestRegistryEvent).Count
Approve-ModelDeployment appr 3 -Force -ErrorAction SilentlyContinue -ErrorVariable late
'json:' + (@{ Id = $late[0].FullyQualifiedErrorId; Message = $late[0].Exception.Message; Changed = @(Get-TestRegistryEvent).Count - $events } | ConvertTo-Json -Compress)
'@
    }

    It 'the deadline is now plus the configured days' {
        $child.ExitCode | Should -Be 0 -Because $child.Text
        $request = $child.Objects[0]
        $request.DeploymentStatus | Should -Be 'PendingApproval'
        ([DateTimeOffset]$request.ExpiresAt - [DateTimeOffset]$request.Timestamp).TotalSeconds | Should -BeGreaterThan 0.8
        ([DateTimeOffset]$request.ExpiresAt - [DateTimeOffset]$request.Timestamp).TotalSeconds | Should -BeLessThan 1.2
    }

    It 'an expired request is left out of the list unless -IncludeExpired, which says it expired' {
        $child.Objects[1] | Should -Be 0
        $child.Objects[2].Version | Should -Be 3
        $child.Objects[2].Expired | Should -BeTrue
    }

    It 'approving it is refused saying when it expired, and nothing changes' {
        $refusal = $child.Objects[3]
        $refusal.Id | Should -BeLike 'ApprovalExpired*'
        $expires = ([DateTimeOffset]$child.Objects[0].ExpiresAt).UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss')
        $refusal.Message | Should -Match ([regex]::Escape("expired at $expires UTC"))
        $refusal.Changed | Should -Be 0
        Get-Stages | Should -Be '1=Archived 2=Production 3=Staging 4=None'
    }

    It 'a denial still closes it: the version goes to Archived with the reason, Production untouched' {
        $denied = Invoke-Child "Deny-ModelDeployment appr 3 -Reason 'expired unreviewed' -Force | Select-Object DeploymentStatus, ModelVersion, Reason | ForEach-Object { 'json:' + (`$_ | ConvertTo-Json -Compress) }"
        $denied.ExitCode | Should -Be 0 -Because $denied.Text
        $denied.Objects[0].DeploymentStatus | Should -Be 'Denied'
        Get-Stages | Should -Be '1=Archived 2=Production 3=Archived 4=None'
        (Get-DeploymentHistory appr)[-1].Action | Should -Be 'Denied'
        @(Get-PendingDeployment appr -IncludeExpired) | Should -BeNullOrEmpty
    }
}

Describe 'An approval after Production moved' {
    It 'is refused naming who moved it, and the request stays open' {
        Request-TestApproval appr 4 -Reason 'v4 beat v2' -ExpectedCurrentVersion 2 | Out-Null
        Publish-ProductionModel -Name appr -Version 1 -Reason 'hotfix back to v1' -Force | Out-Null
        $events = Get-EventCount
        $child = Invoke-Child "Approve-ModelDeployment appr 4 -Force -ErrorAction SilentlyContinue -ErrorVariable moved; 'json:' + (@{ Id = `$moved[0].FullyQualifiedErrorId; Message = `$moved[0].Exception.Message } | ConvertTo-Json -Compress)"
        $child.ExitCode | Should -Be 0 -Because $child.Text
        $child.Objects[0].Id | Should -BeLike 'ProductionMoved*'
        $child.Objects[0].Message | Should -Match "reason 'hotfix back to v1'"
        Get-EventCount | Should -Be $events
        Get-Stages | Should -Be '1=Production 2=Archived 3=Archived 4=Staging'
        @(Get-PendingDeployment appr).Version | Should -Be 4
    }
}
