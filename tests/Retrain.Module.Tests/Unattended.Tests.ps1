# Scripts run unattended (pwsh -NonInteractive -File, as a scheduled task or runbook runs them): failures
# reach the exit code, and a change that would ask for confirmation says to add -Force.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ref = Get-CmapssPath train_FD001
    $script:cur = Get-CmapssPath train_FD003
    function Invoke-Unattended([string] $Body) {
        $file = Join-Path $TestDrive ("task-{0}.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content $file "`$env:RETRAIN_STORE_URI = 'file:$(Join-Path $TestDrive store)'`nImport-Module '$env:RETRAIN_TEST_MODULE'`n$Body"
        $output = & ([Environment]::ProcessPath) $env:RETRAIN_TEST_PWSH -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $output -join "`n" }
    }
    # The README's recipe for a scheduled drift check.
    $script:recipe = @'
$ErrorActionPreference = 'Stop'
if (Test-ModelDrift '{0}' '{1}' -Quiet) {{ exit 2 }}
'done'
'@
}

Describe 'A scheduled drift check with -Quiet' {
    It 'exits 1 when a file is missing' {
        $r = Invoke-Unattended ($recipe -f $ref, (Join-Path $TestDrive 'missing.csv'))
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match 'missing\.csv'
        $r.Text | Should -Not -Match 'done'
    }

    It 'exits 0 when nothing drifted, and 2 (its own code) when something did' {
        $r = Invoke-Unattended ($recipe -f $ref, $ref)
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'done'
        $r = Invoke-Unattended ($recipe -f $ref, (Get-CmapssPath train_FD002))
        $r.ExitCode | Should -Be 2 -Because $r.Text
    }
}

Describe 'A change that needs confirmation, non-interactive' {
    It 'fails with ConfirmationNeedsForce naming -Force, and succeeds with -Force' {
        $setup = @"
`$ErrorActionPreference = 'Stop'
`$null = Invoke-ModelTraining -TrainingPath '$(Get-CmapssPath test_FD001)' -ModelName confirm -Trainer Sdca
`$null = Invoke-ModelTraining -TrainingPath '$(Get-CmapssPath test_FD001)' -ModelName confirm -Trainer Sdca
Set-ModelVersion confirm 1 -Alias champion
"@
        $r = Invoke-Unattended "$setup`nSet-ModelVersion confirm 2 -Alias champion"
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.Text | Should -Match 'Add -Force'
        $r.Text | Should -Not -Match 'Read and Prompt functionality'
        $r = Invoke-Unattended "`$ErrorActionPreference = 'Stop'`nSet-ModelVersion confirm 2 -Alias champion -Force`n(Get-ModelVersion confirm -Alias champion).Version"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text.Trim().Split("`n")[-1] | Should -Be '2'
    }
}
