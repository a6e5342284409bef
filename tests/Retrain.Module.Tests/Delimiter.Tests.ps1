# A European spreadsheet export (semicolons, decimal commas) reads as the same numbers as the comma file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 20 | Select-Object unit, cycle, s2, s3, s4)
    $script:comma = Export-TestCsv $rows (Join-Path $TestDrive 'fleet.csv')
    $script:euro = Join-Path $TestDrive 'fleet-eu.csv'
    $rows | Export-Csv $euro -Delimiter ';' -NoTypeInformation
    (Get-Content $euro) | ForEach-Object { $_ -replace '(\d)\.(\d)', '$1,$2' } | Set-Content $euro
}

Describe 'Semicolon-separated files with decimal commas' {
    It 'gives the same drift statistics as the comma file, detected or named with -Delimiter' {
        $expected = Test-ModelDrift $comma $comma
        # Detected per file; -Delimiter names the separator of every file the call reads.
        foreach ($case in @(@{ Ref = $comma; Extra = @{} }, @{ Ref = $euro; Extra = @{ Delimiter = 'Semicolon' } })) {
            $extra = $case.Extra
            $r = Test-ModelDrift $case.Ref $euro @extra
            $r.CurrentCount | Should -Be $expected.CurrentCount
            $r.Features.Feature | Should -Be @('s2', 's3', 's4')
            $r.Features.Statistic | Should -Be @(0, 0, 0) -Because 'the same values, written with decimal commas'
        }
    }

    It 'names the separator it assumed when told the wrong one' {
        $err = { Test-ModelDrift $comma $euro -Delimiter Comma -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -Match "fleet-eu\.csv"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }
}
