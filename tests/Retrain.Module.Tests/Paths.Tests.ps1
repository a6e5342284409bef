# Paths as users type them: Windows-style relative model folders, and a folder given where a file belongs.
BeforeAll {
    $script:savedStore = $env:RETRAIN_STORE_URI
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    $script:store = Join-Path $TestDrive 'store'
    $env:RETRAIN_STORE_URI = "file:$store"
    $script:test = Get-CmapssPath test_FD001
    $script:v = Invoke-ModelTraining -TrainingPath $test -ModelName paths -Trainer Sdca
    # A model folder exported beside the data, as a user would copy one (the file store keeps it under the run).
    New-Item -ItemType Directory (Join-Path $TestDrive 'exported') | Out-Null
    $null = Export-TestModelFolder $v (Join-Path $TestDrive 'exported/m_1')
}
AfterAll { $env:RETRAIN_STORE_URI = $script:savedStore }

Describe 'Model folders and data paths' {
    It 'scores with a model folder named .\exported\m_1, backslashes and all' {
        Push-Location $TestDrive
        try { $rows = @(Invoke-ModelPrediction -ModelUri .\exported\m_1 -Path $test) }
        finally { Pop-Location }
        $rows.Count | Should -Be 13096
        $expected = @(Invoke-ModelPrediction -ModelUri models:/paths/1 -Path $test)
        $rows[0].Prediction | Should -Be $expected[0].Prediction
    }

    It 'says a folder given as a data file is a directory' {
        $err = $null
        try { Test-ModelDrift -ReferencePath $TestDrive -CurrentPath $test -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'DataPathIsDirectory*'
        $err.Exception.Message | Should -Match 'is a directory'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
