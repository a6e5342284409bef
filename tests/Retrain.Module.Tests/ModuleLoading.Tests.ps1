# Module hygiene in a fresh process: the framework assemblies the host provides are shared rather than
# loaded again in the module's context, and Remove-Module / Import-Module -Force leave a working module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ref = Get-CmapssPath train_FD001
    $script:cur = Get-CmapssPath test_FD001
}

Describe 'Loading the module' {
    It 'uses the host''s copies of framework assemblies it also ships, and its own for the rest' {
        $r = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:RETRAIN_TEST_MODULE'
`$env:RETRAIN_STORE_URI = 'file:$(Join-Path $TestDrive store)'
`$null = Invoke-ModelTraining -TrainingPath '$cur' -ModelName hygiene -Trainer FastTree
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    `$ctx = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name
    'asm=' + `$a.GetName().Name + '|' + `$a.GetName().Version + '|' + `$ctx
}
"@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $inRetrain = @($r.Output | Where-Object { $_ -like 'asm=*|Retrain' } | ForEach-Object { $_.Substring(4).Split('|')[0] })
        $inRetrain | Should -Contain 'Retrain.Engine'
        $inRetrain | Should -Contain 'Microsoft.ML.FastTree'
        $inRetrain | Should -Not -Contain 'System.Collections.Immutable'
        $inRetrain | Should -Not -Contain 'System.Threading.Channels'
        $immutable = @($r.Output | Where-Object { $_ -like 'asm=System.Collections.Immutable|*' })
        $immutable.Count | Should -Be 1 -Because 'one copy of System.Collections.Immutable in the process'
        [version]($immutable[0].Split('|')[1]) | Should -BeGreaterOrEqual ([version]'10.0')
    }

    It 'unhooks its resolver on Remove-Module and works after Import-Module -Force twice' {
        $r = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:RETRAIN_TEST_MODULE'
`$init = [Retrain.PowerShell.Hosting.ModuleInitializer]
`$flag = `$init.GetProperty('IsRegistered', [Reflection.BindingFlags]'NonPublic,Static')
'imported=' + `$flag.GetValue(`$null)
Remove-Module Retrain
'removed=' + `$flag.GetValue(`$null)
Import-Module '$env:RETRAIN_TEST_MODULE' -Force
Import-Module '$env:RETRAIN_TEST_MODULE' -Force
'reimported=' + `$flag.GetValue(`$null)
`$d = Test-ModelDrift -ReferencePath '$ref' -CurrentPath '$cur'
'status=' + `$d.Status
"@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'imported=True'
        $r.Output | Should -Contain 'removed=False'
        $r.Output | Should -Contain 'reimported=True'
        $r.Output | Should -Contain 'status=Ok'
    }
}
