# Tab completion as a user meets it (TabExpansion2, what the console calls): values come from the store the
# command would use, and -Feature from the header of the file already on the command line.

BeforeAll {
    Import-Module $env:RETRAIN_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:previousStoreUri = $env:RETRAIN_STORE_URI
    $env:RETRAIN_STORE_URI = 'file:' + (Join-Path $TestDrive 'store')
    $script:work = New-Item -ItemType Directory (Join-Path $TestDrive 'work')
    Push-Location $work

    $rows = @(Import-CmapssObject train_FD001 | Where-Object unit -le 8)
    foreach ($g in $rows | Group-Object unit) { $max = ($g.Group | Measure-Object cycle -Maximum).Maximum; foreach ($r in $g.Group) { $r | Add-Member rul ($max - $r.cycle) } }
    Export-TestCsv $rows (Join-Path $work 'ref.csv') | Out-Null
    # A semicolon file with other columns, to show the header is read with the separator given.
    Set-Content (Join-Path $work 'plant.csv') "site;ENG_ID;pressure;temp`nA;ENG-1;1,5;20,1"

    $script:v1 = $rows | Invoke-ModelTraining -ModelName pm
    Register-ModelVersion -Path (Export-TestModelFolder $v1 (Join-Path $TestDrive 'm1')) -Name pm | Out-Null
    Set-ModelVersion pm 1 -Alias champion -Force
    Set-ModelVersion pm 2 -Alias candidate -Force
    $script:drift = Test-ModelDrift ref.csv ref.csv -Feature s2

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

AfterAll {
    Pop-Location
    $env:RETRAIN_STORE_URI = $previousStoreUri
}

Describe 'Tab completion' {
    It 'offers for -RemoveAlias only the aliases the version holds' {
        Get-Completion 'Set-ModelVersion pm 1 -RemoveAlias ' | Should -Be @('champion')
        Get-Completion 'Set-ModelVersion -Name pm -Version 2 -RemoveAlias ' | Should -Be @('candidate')
    }

    It 'offers for -Alias every alias of the model (to move one), and completes a prefix' {
        Get-Completion 'Set-ModelVersion pm 2 -Alias ' | Should -Be @('candidate', 'champion')
        Get-Completion 'Get-ModelVersion pm -Alias ch' | Should -Be @('champion')
    }

    It 'offers run ids for -RunId, newest first' {
        $ids = Get-Completion 'Get-RetrainRun -RunId '
        $ids | Should -Contain $v1.RunId
        $ids | Should -Contain $drift.RunId
        $ids[0] | Should -Be $drift.RunId
        Get-Completion "Get-RetrainRun -RunId $($v1.RunId.Substring(0, 6))" | Should -Be @($v1.RunId)
    }

    It 'offers runs:/ URIs of trained models and models:/ URIs for -ModelUri' {
        # The training's run and the run Register-ModelVersion logged with the copied model.
        $expected = @(Get-ModelVersion pm | Sort-Object Version -Descending | ForEach-Object { "runs:/$($_.RunId)/model" })
        Get-Completion 'Invoke-ModelPrediction -ModelUri runs:/' | Should -Be $expected
        Get-Completion 'Compare-Model -ChallengerUri models:/pm@' | Should -Be @('models:/pm@champion', 'models:/pm@candidate')
        Get-Completion 'Test-ModelDrift ref.csv ref.csv -ModelUri models:/pm/' | Should -Contain 'models:/pm/2'
    }

    It 'offers -Feature from the header of a file given by position or by name' {
        Get-Completion 'Test-ModelDrift ref.csv ref.csv -Feature setting' | Should -Be @('setting1', 'setting2', 'setting3')
        Get-Completion 'Test-ModelDrift -ReferencePath .\ref.csv -CurrentPath ref.csv -Feature s1' | Should -Be @('s1', 's10', 's11', 's12', 's13', 's14', 's15', 's16', 's17', 's18', 's19')
        Get-Completion "Invoke-ModelTraining -TrainingPath $(Get-CmapssPath train_FD001) -Feature setting" | Should -Be @('setting1', 'setting2', 'setting3')
        Get-Completion 'Invoke-ModelTraining plant.csv -Delimiter Semicolon -Feature ' | Should -Be @('site', 'ENG_ID', 'pressure', 'temp')
    }

    It 'offers nothing for -Feature before a data file is given, or when the file does not exist' {
        Get-Completion 'Test-ModelDrift -Feature s' | Should -BeNullOrEmpty
        Get-Completion 'Test-ModelDrift missing.csv ref.csv -Feature s' | Should -BeNullOrEmpty
    }

    It 'offers model names for -Name of the deployment cmdlets' -ForEach @('Step-ModelDeployment', 'Undo-ModelDeployment -Canary', 'Publish-ProductionModel -Version 1 -Name', 'Get-DeploymentHistory') {
        Get-Completion "$_ p" | Should -Be @('pm')
    }

    It 'offers for -Experiment only the experiments that exist' {
        Get-Completion 'Get-RetrainRun -Experiment ' | Should -Be @('automated_retraining', 'drift_monitoring')
        Get-Completion 'Get-RetrainExperiment mod' | Should -BeNullOrEmpty
    }
}
