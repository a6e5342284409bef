# The speed benchmarks are measurements, not timed tests: this only checks that the harness still runs every
# case end to end on tiny data and writes well-formed results, so it cannot rot between benchmark runs.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Get-RepoRoot
    # The harness built with the solution (build.ps1 Test builds it); the newest configuration if both exist.
    $script:harness = Get-ChildItem (Join-Path $root 'tests/Retrain.Benchmarks/bin/*/net8.0/Retrain.Benchmarks.dll') -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    # The reference side: Python with scipy, scikit-learn and pandas, installed as build.ps1 Bench installs it.
    $script:python = & (Join-Path $root 'tools/Install-ReferenceTools.ps1')
}

Describe 'Benchmark harness (build.ps1 Bench), smoke run on tiny data' {
    BeforeAll {
        $script:outDir = Join-Path $TestDrive 'bench'
        $arguments = @($harness.FullName, 'bench', '--smoke', '--out', $outDir, '--work', (Join-Path $TestDrive 'work'), '--repo', (Get-RepoRoot),
            '--module', $env:RETRAIN_TEST_MODULE, '--pwsh', [Environment]::ProcessPath, '--pwsh-dll', $env:RETRAIN_TEST_PWSH)
        $arguments += @('--python', $python)
        $script:log = & dotnet @arguments 2>&1 | ForEach-Object { "$_" }
        $script:exitCode = $LASTEXITCODE
    }

    It 'completes' {
        $harness | Should -Not -BeNullOrEmpty -Because 'the solution build produces tests/Retrain.Benchmarks'
        $exitCode | Should -Be 0 -Because ($log -join "`n")
    }

    It 'writes results.json with every case timed on both sides' {
        $json = Get-Content -Raw (Join-Path $outDir 'results.json') | ConvertFrom-Json
        $json.smoke | Should -BeTrue
        $json.machine.cpu | Should -Not -BeNullOrEmpty
        $cases = @($json.rows.case)
        foreach ($pattern in 'Data drift, 24 features', 'KS only (like for like', 'sort before the radix sort', 'end to end', 'reading the reference CSV', 'C-MAPSS FD001', 'FastTree vs Hist', 'LightGbm vs Gradient', 'by row', 'by unit', 'Import-Module', 'Engine-calibrated drift, C-MAPSS-sized: FD001 (100', 'Engine-calibrated drift, C-MAPSS-sized: FD001 engines', 'Engine permutations', 'the same with no drift') {
            @($cases | Where-Object { $_ -like "*$pattern*" }).Count | Should -Be 1 -Because "a row for '$pattern' is expected among: $($cases -join '; ')"
        }
        foreach ($row in $json.rows) {
            $row.retrain.median | Should -BeGreaterThan 0
            $row.retrain.seconds.Count | Should -BeGreaterOrEqual 1
            $row.reference.median | Should -BeGreaterThan 0
        }
        $json.extra.memory.retrainPeakBytes | Should -BeGreaterThan 0
        @($json.scaling | Where-Object kind -eq 'drift').Count | Should -BeGreaterOrEqual 3
        @($json.scaling | Where-Object kind -eq 'compare').Count | Should -BeGreaterOrEqual 3
        $json.exponents.'drift.retrain' | Should -Not -BeNullOrEmpty
        @($json.training).Count | Should -Be 4
    }

    It 'agrees with scipy on the KS statistics it compares against' {
        $json = Get-Content -Raw (Join-Path $outDir 'results.json') | ConvertFrom-Json
        foreach ($check in @($json.checks | Where-Object { $_.check -like 'drift*' })) {
            $check.maxStatisticDifference | Should -BeLessOrEqual 1e-12
            $check.retrainDrifted | Should -Be $check.scipyDrifted
        }
    }

    It "sorts like Array.Sort (the engine's radix sort, checked through the KS test on awkward data)" {
        $output = & dotnet $harness.FullName sortcheck 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
    }

    It 'writes results.md with the table, the goals and the fitted exponents' {
        $md = Get-Content -Raw (Join-Path $outDir 'results.md')
        $md | Should -Match '\| case \| Retrain \| reference \| ratio \| goal \| met \|'
        $md | Should -Match 'SMOKE RUN'
        $md | Should -Match 'Load average'
        $md | Should -Match 'Fitted exponent'
        $md | Should -Match '≥ 3×'
    }
}
