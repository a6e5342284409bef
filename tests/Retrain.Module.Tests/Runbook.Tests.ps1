# The scheduled job as the schedulers run it: demo/runbook/Invoke-RetrainRunbook.ps1 under pwsh -NonInteractive -File,
# importing Retrain by name from the package zip extracted into a temporary PSModulePath folder (as an Azure Automation
# upload or a server install provides it): exit code 0 when the job ran, non-zero when it failed. The recipes of the
# scheduling documentation are checked as far as this machine allows: the cron line runs, the Task Scheduler script
# (Windows only) parses and registers the schedule of pipeline.schedule_cron.
# The job runs in its default form (Invoke-Retraining -Scheduled) on a timed C-MAPSS fleet, and in its drift-only form
# (-Check Drift, what fits an Azure cloud sandbox).
BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:runbook = Join-Path (Get-RepoRoot) 'demo/runbook/Invoke-RetrainRunbook.ps1'
    # The zip as build.ps1 Package makes it (Package.Tests.ps1 checks the call is the same), extracted as Azure does.
    $zip = Join-Path $TestDrive 'Retrain.zip'
    Compress-Archive -Path (Split-Path $env:RETRAIN_TEST_MODULE) -DestinationPath $zip
    $script:modules = Join-Path $TestDrive 'Modules'
    Expand-Archive -Path $zip -DestinationPath $modules
    $script:ref = Get-CmapssPath train_FD001
    $script:cur = Get-CmapssPath test_FD001
    $script:store = Join-Path $TestDrive 'store'

    # The recipes: docs/scheduling.md until they move into the README.
    $script:recipes = @('docs/scheduling.md', 'README.md') | ForEach-Object { Join-Path (Get-RepoRoot) $_ } |
        Where-Object { (Test-Path $_) -and (Get-Content -Raw $_) -match 'cron line checked by tests/Retrain\.Module\.Tests/Runbook\.Tests\.ps1' } |
        Select-Object -First 1
    function Get-RecipeBlock([string] $Marker) {
        $text = Get-Content -Raw $recipes
        $m = [regex]::Match($text, [regex]::Escape($Marker) + '[^\n]*\n```\w*\n(?<code>.*?)\n```', 'Singleline')
        if (-not $m.Success) { throw "No code block after '$Marker' in $recipes." }
        $m.Groups['code'].Value
    }

    # Runs a command line with the environment a scheduled job would have here: the extracted module first on
    # PSModulePath, a throwaway store, no RETRAIN_CONFIG.
    function Invoke-Scheduled([scriptblock] $Run) {
        $saved = @{ PSModulePath = $env:PSModulePath; RETRAIN_STORE_URI = $env:RETRAIN_STORE_URI; RETRAIN_CONFIG = $env:RETRAIN_CONFIG }
        try {
            $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
            $env:RETRAIN_STORE_URI = "file:$store"
            $env:RETRAIN_CONFIG = $null
            $output = & $Run 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $output -join "`n" }
        }
        finally { foreach ($k in $saved.Keys) { Set-Item "env:$k" $saved[$k] } }
    }
    function Invoke-Runbook {
        $arguments = $args
        Invoke-Scheduled { & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $runbook @arguments }
    }
}

Describe 'The runbook, from the packaged module' {
    It 'runs the scheduled pipeline with the module of the zip: a first model is trained and deployed, exit code 0' {
        $fleet = & (Join-Path (Get-RepoRoot) 'demo/ConvertTo-TimedFleet.ps1') -Path $ref -Destination (Join-Path $TestDrive 'fleet.csv') -Unit (1..20) -StaggerHours 6
        $config = New-TestConfig -Folder $TestDrive -Yaml ("data:`n  path: '$($fleet.FullName)'`n  timestamp_column: timestamp`ndeployment:`n  model_name: runbook_pm`n" +
            "pipeline:`n  auto_deploy: true`n  require_approval: false`ntraining:`n  number_of_trees: 10`nmodel_comparison:`n  bootstrap_resamples: 100`n")
        # A store of its own: the drift-only job below counts the checks logged in the shared one.
        $shared = $script:store
        $script:store = Join-Path $TestDrive 'pipeline-store'
        try {
            $r = Invoke-Runbook -ConfigPath $config
            $r.ExitCode | Should -Be 0 -Because $r.Text
            $r.Text | Should -Match '\bDeployed\b'
            $previous = $env:RETRAIN_STORE_URI
            try { $env:RETRAIN_STORE_URI = "file:$store"; (Get-ProductionModel runbook_pm).Version | Should -Be 1 } finally { $env:RETRAIN_STORE_URI = $previous }
        }
        finally { $script:store = $shared }
    }

    It 'exits non-zero when the scheduled pipeline run ends Failed (data.path missing), naming the file' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "data:`n  path: '$(Join-Path $TestDrive 'no_such_fleet.csv')'`n  timestamp_column: timestamp`ndeployment:`n  model_name: runbook_missing`n"
        $shared = $script:store
        $script:store = Join-Path $TestDrive 'pipeline-store'
        try { $r = Invoke-Runbook -ConfigPath $config } finally { $script:store = $shared }
        $r.ExitCode | Should -Not -Be 0 -Because $r.Text
        $r.Text | Should -Match 'no_such_fleet\.csv'
    }

    It 'runs the drift check with the module of the zip, and exits 0 when it finds drift (a finding, not a failure)' {
        $r = Invoke-Runbook -Check Drift -ReferencePath $ref -CurrentPath $cur
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match ([regex]::Escape("from $(Join-Path $modules 'Retrain'), PowerShell 7."))
        $r.Text | Should -Match ([regex]::Escape("Store: $store"))
        $r.Text | Should -Match '\bOk\s+True\s+Data\b.*\b20631\s+13096\b'
        $r.Text | Should -Match 'WARNING: Drift \(Data\)'
        $r.Text | Should -Not -Match 'Importing cmdlet' -Because 'the import is not verbose, only the job'
        $previous = $env:RETRAIN_STORE_URI
        try { $env:RETRAIN_STORE_URI = "file:$store"; $logged = @(Get-DriftHistory) } finally { $env:RETRAIN_STORE_URI = $previous }
        $logged.Count | Should -Be 1 -Because 'the check was logged in the store the job was given'
        $logged[0].DriftDetected | Should -BeTrue
    }

    It 'exits non-zero, naming the file, when the data is missing, and writes no report' {
        $missing = Join-Path $TestDrive 'missing_week.csv'
        $r = Invoke-Runbook -Check Drift -ReferencePath $ref -CurrentPath $missing
        $r.ExitCode | Should -Not -Be 0 -Because $r.Text
        $r.Text | Should -Match 'missing_week\.csv'
        $r.Text | Should -Not -Match 'RefRows'
    }

    It 'exits non-zero on a configuration error, naming the key' {
        $config = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  windw_size_days: 7`n"
        $r = Invoke-Runbook -Check Drift -ReferencePath $ref -CurrentPath $cur -ConfigPath $config
        $r.ExitCode | Should -Not -Be 0 -Because $r.Text
        $r.Text | Should -Match 'windw_size_days'
    }

    It 'sets the preferences of an unattended job before it imports the module' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($runbook, [ref] $null, [ref] $null)
        $statements = @($ast.EndBlock.Statements)
        $assigned = @{}
        foreach ($s in $statements) {
            if ($s -is [System.Management.Automation.Language.AssignmentStatementAst] -and $s.Left.VariablePath) { $assigned[$s.Left.VariablePath.UserPath] = $s.Right.Extent.Text }
            if ($s.Extent.Text -like 'Import-Module*') { break }
        }
        $assigned['ErrorActionPreference'] | Should -Be "'Stop'"
        $assigned['VerbosePreference'] | Should -Be "'Continue'"
        $assigned['ProgressPreference'] | Should -Be "'SilentlyContinue'"
        $r = Invoke-Runbook -Check Drift -ReferencePath $ref -CurrentPath (Join-Path $TestDrive 'none.csv')
        $r.Text | Should -Not -Match "`e\[" -Because 'a job log is plain text, without colour codes'
        (Get-Content -Raw $runbook) | Should -Match 'Invoke-Retraining -Scheduled @common'
    }
}

Describe 'The scheduling recipes' {
    It 'has them in the documentation' {
        $recipes | Should -Not -BeNullOrEmpty -Because 'docs/scheduling.md (or the README) holds the recipes with their markers'
    }

    It 'runs the cron line: its schedule is pipeline.schedule_cron, the log gets the job''s output, a failure reaches the system log' {
        $line = (Get-RecipeBlock '<!-- cron line checked by tests/Retrain.Module.Tests/Runbook.Tests.ps1 -->').Trim()
        $fields = $line -split '\s+'
        ($fields[0..4] -join ' ') | Should -Be (Get-RetrainSchedule -Count 1).Cron
        $command = ($line -replace '^(\S+\s+){5}', '')
        $log = Join-Path $TestDrive 'weekly.log'
        $syslog = Join-Path $TestDrive 'syslog.txt'
        # Only the paths of this machine change, and the job runs in its drift-only form; logger writes to a file.
        function Get-Shell([string] $Current) {
            $c = $command.Replace('/opt/retrain/Invoke-RetrainRunbook.ps1', $runbook).Replace('/var/log/retrain/weekly.log', $log)
            $c = $c.Replace('-ConfigPath /etc/retrain/retrain_config.yaml', "-ConfigPath '$(New-TestConfig -Folder $TestDrive -Yaml "pipeline:`n  auto_deploy: false`n")' -Check Drift -ReferencePath '$ref' -CurrentPath '$Current'")
            $c = $c -replace '^pwsh ', "'$([Environment]::ProcessPath)' '$env:RETRAIN_TEST_PWSH' "
            "logger() { shift 2; printf '%s\n' ""`$*"" >> '$syslog'; }; $c"
        }
        $ok = Get-Shell $cur
        $r = Invoke-Scheduled { sh -c $ok }
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -BeNullOrEmpty -Because 'everything goes to the log'
        $written = Get-Content -Raw $log
        $written | Should -Match 'VERBOSE: Retrain'
        $written | Should -Match 'WARNING: Drift'
        Test-Path $syslog | Should -BeFalse
        $failing = Get-Shell (Join-Path $TestDrive 'missing_week.csv')
        $null = Invoke-Scheduled { sh -c $failing }
        (Get-Content -Raw $log) | Should -Match 'missing_week\.csv' -Because 'the error is appended to the same log'
        (Get-Content -Raw $syslog).Trim() | Should -Be 'weekly job failed with exit code 1'
    }

    It 'registers a weekly Task Scheduler task (parsed only: it cannot run on Linux) for pipeline.schedule_cron, with the runbook non-interactive' {
        $code = Get-RecipeBlock '<!-- Task Scheduler script checked by tests/Retrain.Module.Tests/Runbook.Tests.ps1'
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $commands = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true))
        $names = $commands | ForEach-Object { $_.GetCommandName() }
        $names | Should -Contain 'Register-ScheduledTask'
        $trigger = $commands | Where-Object { $_.GetCommandName() -eq 'New-ScheduledTaskTrigger' }
        $trigger.Extent.Text | Should -Match "-Weekly -DaysOfWeek Sunday -At '02:00'"
        (Get-RetrainSchedule -Count 1).Cron | Should -Be '0 2 * * 0' -Because 'the trigger says Sundays at 02:00'
        $action = $commands | Where-Object { $_.GetCommandName() -eq 'New-ScheduledTaskAction' }
        $action.Extent.Text | Should -Match '-NonInteractive -File C:\\Retrain\\Invoke-RetrainRunbook\.ps1'
        $action.Extent.Text | Should -Match '>> \$log 2>&1'
    }

    It 'writes every PowerShell script of the recipes without a syntax error' {
        $blocks = [regex]::Matches((Get-Content -Raw $recipes), '```powershell\n(?<code>.*?)\n```', 'Singleline') |
            ForEach-Object { $_.Groups['code'].Value } | Where-Object { $_ -notmatch '(?m)^PS>' }
        @($blocks).Count | Should -BeGreaterOrEqual 2
        foreach ($b in $blocks) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($b, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $b
        }
    }
}
