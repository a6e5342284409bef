BeforeDiscovery {
    # The help cases are built at discovery time, so the module must be imported here, not only in BeforeAll.
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:helpCases = @(Get-Command -Module Retrain)
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:commands = Get-Command -Module Retrain
    $script:manifest = Import-PowerShellDataFile $env:RETRAIN_TEST_MODULE
}

Describe 'The Retrain module' {
    It 'has a valid manifest for PowerShell 7.4+ Core' {
        $manifest = Test-ModuleManifest $env:RETRAIN_TEST_MODULE
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'exports exactly the cmdlets its manifest names' {
        $manifest = Import-PowerShellDataFile $env:RETRAIN_TEST_MODULE
        ($script:commands.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($c in $script:commands) { $approved | Should -Contain $c.Verb -Because "$($c.Name) must use an approved verb" }
    }

    It 'declares the output type of every cmdlet' {
        foreach ($c in $script:commands) { $c.OutputType | Should -Not -BeNullOrEmpty -Because "$($c.Name) needs [OutputType]" }
    }

    It 'generates help cases for every exported cmdlet (a discovery that finds none must fail, not pass silently)' -TestCases @{ Discovered = @($helpCases.Name) } {
        $Discovered.Count | Should -Be $manifest.CmdletsToExport.Count
        ($Discovered | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    Context 'help for <_.Name>' -ForEach $helpCases {
        BeforeAll {
            $script:help = Get-Help $_.Name -Full
            $script:cmd = $_
        }
        It 'has a synopsis and a description' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($cmd.Name))\s"   # not the auto-generated syntax line
            ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
        It 'describes every parameter' {
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            $documented = @($help.Parameters.Parameter | Where-Object { ($_.Description | Out-String).Trim() })
            foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $documented.Name | Should -Contain $p -Because "parameter -$p of $($cmd.Name) needs a description"
            }
        }
        It 'has at least two examples with code' {
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
            foreach ($e in $help.Examples.Example) { $e.Code | Should -Not -BeNullOrEmpty }
        }
    }
}
