# The module folder under test is the one build.ps1 Package zips: it must hold what runs and nothing the
# module never loads (README, "What the package holds").
BeforeAll {
    $script:moduleDir = Split-Path $env:RETRAIN_TEST_MODULE
    $script:files = @(Get-ChildItem $moduleDir -Recurse -File | ForEach-Object { $_.FullName.Substring($moduleDir.Length + 1).Replace('\', '/') })
}

Describe 'The built module layout' {
    It 'carries no debug symbols of third-party files' {
        @($files | Where-Object { $_ -like '*.so.dbg' -or $_ -like '*.dylib.dwarf' -or ($_ -like '*.pdb' -and $_ -notlike '*/Retrain.*.pdb') }) | Should -BeNullOrEmpty
    }

    It 'carries no native the module never loads (LDA, the LightGBM command line)' {
        @($files | Where-Object { $_ -like '*LdaNative*' -or $_ -like '*lightgbm.exe' }) | Should -BeNullOrEmpty
    }

    It 'keeps exactly the runtime folders with a trainer native, each with FastTree''s' {
        $rids = @($files | Where-Object { $_ -like 'dependencies/runtimes/*' } | ForEach-Object { $_.Split('/')[2] } | Sort-Object -Unique)
        $rids | Should -Be @('linux-x64', 'osx-x64', 'win-x64', 'win-x86')
        foreach ($rid in $rids) {
            @($files | Where-Object { $_ -like "dependencies/runtimes/$rid/native/*FastTreeNative*" }).Count | Should -Be 1 -Because "$rid keeps FastTree's native"
        }
        @($files | Where-Object { $_ -like 'dependencies/runtimes/*/native/*lib_lightgbm*' }).Count | Should -Be 3
    }

    It 'keeps the engine''s own symbols, for line numbers in errors' {
        $files | Should -Contain 'dependencies/Retrain.Engine.pdb'
    }
}
