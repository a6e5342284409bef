# The Azure Automation upload: a zip whose one folder, manifest and module are all named Retrain, and which
# imports by name from a PSModulePath folder in a fresh pwsh. The zip is made as build.ps1 Package makes it
# (Compress-Archive of out/Retrain, the folder the suite tests): calling the task itself would rebuild and
# re-lay out out/Retrain under the running suite.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:moduleDir = Split-Path $env:RETRAIN_TEST_MODULE
    $script:zip = Join-Path $TestDrive 'Retrain.zip'
    Compress-Archive -Path $moduleDir -DestinationPath $zip
    $script:modules = Join-Path $TestDrive 'Modules'
    Expand-Archive -Path $zip -DestinationPath $modules
}

Describe 'The package (build.ps1 Package)' {
    It 'uses the same Compress-Archive call as build.ps1 Package' {
        $build = Get-Content -Raw (Join-Path (Get-RepoRoot) 'build.ps1')
        $build | Should -Match 'Compress-Archive -Path \$moduleOut -DestinationPath \$zip'
    }

    It 'holds one folder Retrain, with Retrain.psd1 naming Retrain.PowerShell.dll beside it' {
        $top = @(Get-ChildItem $modules)
        $top.Name | Should -Be @('Retrain')
        $manifest = Join-Path $modules 'Retrain/Retrain.psd1'
        Test-Path $manifest | Should -BeTrue
        $data = Import-PowerShellDataFile $manifest
        Test-Path (Join-Path $modules "Retrain/$($data.RootModule)") | Should -BeTrue
        (Test-ModuleManifest $manifest).Name | Should -Be 'Retrain'
    }

    It 'imports by name from a PSModulePath folder in a fresh pwsh and runs a cmdlet' {
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$env:RETRAIN_STORE_URI = 'file:$(Join-Path $TestDrive 'store')'
Import-Module Retrain
`$m = Get-Module Retrain
'name=' + `$m.Name
'base=' + `$m.ModuleBase
'cmdlets=' + `$m.ExportedCmdlets.Count
'experiments=' + @(Get-RetrainExperiment).Count
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'name=Retrain'
        $result.Output | Should -Contain ('base=' + (Join-Path $modules 'Retrain'))
        $result.Output | Should -Contain ('cmdlets=' + (Import-PowerShellDataFile $env:RETRAIN_TEST_MODULE).CmdletsToExport.Count)
        $result.Output | Should -Contain 'experiments=0'
    }
}
