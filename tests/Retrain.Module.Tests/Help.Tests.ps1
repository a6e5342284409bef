# The help a user reads: the about topic exists, every related link leads somewhere, positions are shown.

BeforeDiscovery {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:cmdletCases = @(Get-Command -Module Retrain -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:cmdletNames = @(Get-Command -Module Retrain -CommandType Cmdlet).Name
}

Describe 'about_Retrain' {
    It 'is found by Get-Help once the module is imported' {
        $topic = Get-Help about_Retrain
        ($topic | Out-String) | Should -Match 'UNATTENDED USE'
        ($topic | Out-String) | Should -Match 'models:/pm@champion'
    }

    It 'names every exported cmdlet' {
        $text = Get-Help about_Retrain | Out-String
        foreach ($name in $cmdletNames) { $text | Should -Match ([regex]::Escape($name)) -Because "about_Retrain lists the cmdlets" }
    }
}

Describe 'Help of <Name>' -ForEach $cmdletCases {
    It 'has related links that are cmdlets of the module or about topics that exist' {
        $links = @((Get-Help $Name).relatedLinks.navigationLink | ForEach-Object { "$($_.linkText)".Trim() } | Where-Object { $_ })
        foreach ($link in $links) {
            if ($link -like 'about_*') {
                { Get-Help $link -ErrorAction Stop } | Should -Not -Throw -Because "$Name links to $link"
            }
            else {
                $cmdletNames | Should -Contain $link -Because "$Name links to $link"
            }
        }
    }

    It 'shows the position of every positional parameter' {
        $cmd = Get-Command $Name
        $positional = $cmd.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object Position -ge 0 }
        foreach ($p in $positional) {
            $expected = @($p.ParameterSets.Values | Where-Object Position -ge 0 | ForEach-Object Position)
            $shown = (Get-Help $Name -Parameter $p.Name).position
            $shown | Should -Not -Be 'named' -Because "-$($p.Name) of $Name is positional"
            $expected | Should -Contain ([int]$shown)
        }
    }
}

Describe 'Positions in Get-Help' {
    It 'shows Test-ModelDrift -ReferencePath at 0 and -CurrentPath at 1 (the default set''s positions)' {
        (Get-Help Test-ModelDrift -Parameter ReferencePath).position | Should -Be '0'
        (Get-Help Test-ModelDrift -Parameter CurrentPath).position | Should -Be '1'
    }
}
