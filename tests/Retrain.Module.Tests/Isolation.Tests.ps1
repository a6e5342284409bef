BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'Dependency isolation' {
    It 'runs Test-ModelDrift with a YAML config in a session that already loaded YamlDotNet 13.7.1' {
        $oldYaml = Get-ChildItem (Join-Path $env:RETRAIN_TEST_PACKAGES 'yamldotnet/13.7.1/lib') -Recurse -Filter YamlDotNet.dll |
            Where-Object { $_.Directory.Name -match '^net\d' } | Sort-Object { $_.Directory.Name } | Select-Object -Last 1
        $oldYaml | Should -Not -BeNullOrEmpty
        $config = New-TestConfig -Folder $TestDrive -Yaml "drift_detection:`n  min_samples: 500`n  correction: fdr_bh`n"
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$($oldYaml.FullName)'
'before=' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version
Import-Module '$env:RETRAIN_TEST_MODULE'
`$r = Test-ModelDrift -ReferencePath '$(Get-CmapssPath train_FD001)' -CurrentPath '$(Get-CmapssPath train_FD003)' -ConfigPath '$config'
'status=' + `$r.Status
'correction=' + `$r.Correction
'after=' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Retrain.Engine' }
'context=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine).Name
"@
        $result.Output -join "`n" | Should -Match 'status=Ok' -Because ($result.Output -join "`n")
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Contain 'before=13.0.0.0'
        $result.Output | Should -Contain 'after=13.0.0.0'
        $result.Output | Should -Contain 'correction=FdrBh'   # the YAML was read by the module's own YamlDotNet
        $result.Output | Should -Contain 'context=Retrain'
    }
}
