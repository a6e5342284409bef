# The installer helper and the reference-tools installer, run as a fresh machine would run them: a recording
# apt-get first on PATH, and Python modules made unimportable for that process by a PYTHONPATH folder whose
# scipy/sklearn/pandas raise ImportError. The recording apt-get "installs" a package by replacing its module's
# blocker with a module that imports, so the installer's check after the install sees what a real install gives.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:tools = Join-Path (Get-RepoRoot) 'tools'

    # A sandbox: bin/ (apt-get, and id/sudo when asked), pylib/ (the blockers), apt.log.
    function New-InstallSandbox([string[]] $Blocked, [int] $AptExit = 0, [switch] $AsSudoUser) {
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $bin = New-Item -ItemType Directory (Join-Path $dir 'bin')
        $pylib = New-Item -ItemType Directory (Join-Path $dir 'pylib')
        foreach ($m in 'scipy', 'sklearn', 'pandas') {
            New-Item -ItemType Directory (Join-Path $pylib $m) | Out-Null
            $body = if ($m -in $Blocked) { "raise ImportError('$m made unavailable by the test')" } else { '' }
            Set-Content (Join-Path $pylib "$m/__init__.py") $body
        }
        $log = Join-Path $dir 'apt.log'
        $apt = @"
#!/bin/sh
echo "`$*" >> '$log'
if [ "`$1" = install ]; then
  [ $AptExit -ne 0 ] && exit $AptExit
  for p in "`$@"; do
    case "`$p" in python3-scipy) m=scipy;; python3-sklearn) m=sklearn;; python3-pandas) m=pandas;; *) m=;; esac
    [ -n "`$m" ] && : > '$pylib/'"`$m"'/__init__.py'
  done
fi
exit 0
"@
        Set-Content (Join-Path $bin 'apt-get') $apt
        & chmod +x (Join-Path $bin 'apt-get')
        if ($AsSudoUser) {
            Set-Content (Join-Path $bin 'id') "#!/bin/sh`necho 1000"
            # sudo: record the call, drop the VAR=value words, run the rest.
            Set-Content (Join-Path $bin 'sudo') "#!/bin/sh`necho ""sudo `$*"" >> '$log'`nwhile [ `"`${1#*=}`" != `"`$1`" ]; do shift; done`nexec `"`$@`""
            & chmod +x (Join-Path $bin 'id') (Join-Path $bin 'sudo')
        }
        [pscustomobject]@{ Bin = $bin.FullName; PythonPath = $pylib.FullName; Log = $log }
    }

    # Runs a script in a child pwsh with the sandbox first on PATH, so nothing leaks into this session
    # (in particular the 'apt-get update done' mark that a real install later in the suite must not inherit).
    function Invoke-InSandbox($Sandbox, [string] $Script) {
        $saved = @{ PATH = $env:PATH; PYTHONPATH = $env:PYTHONPATH; RETRAIN_APT_UPDATED = $env:RETRAIN_APT_UPDATED }
        try {
            $env:PATH = "$($Sandbox.Bin):$($saved.PATH)"
            $env:PYTHONPATH = $Sandbox.PythonPath
            Remove-Item Env:RETRAIN_APT_UPDATED -ErrorAction SilentlyContinue
            Invoke-FreshPwsh -Script "`$ErrorActionPreference = 'Stop'`n$Script"
        }
        finally {
            foreach ($k in $saved.Keys) { if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } else { Set-Item "Env:$k" $saved[$k] } }
        }
    }

    function Get-AptLog($Sandbox) { if (Test-Path $Sandbox.Log) { @(Get-Content $Sandbox.Log) } else { @() } }
}

Describe 'Install-ReferenceTools.ps1 on a machine without the Python reference tools' {
    It 'asks apt, after one update, for exactly the three packages when none imports, and returns Debian''s python3' {
        $box = New-InstallSandbox -Blocked scipy, sklearn, pandas
        $r = Invoke-InSandbox $box "& '$tools/Install-ReferenceTools.ps1'"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output[-1] | Should -Be '/usr/bin/python3'
        $calls = Get-AptLog $box
        $calls.Count | Should -Be 2 -Because ($calls -join "`n")
        $calls[0] | Should -Match '^update\b'
        $calls[1] | Should -Match '^install -y\b'
        @($calls[1].Split(' ') | Where-Object { $_ -like 'python3-*' }) | Should -Be @('python3-scipy', 'python3-sklearn', 'python3-pandas')
    }

    It 'asks only for the package whose module is missing' {
        $box = New-InstallSandbox -Blocked pandas
        $r = Invoke-InSandbox $box "& '$tools/Install-ReferenceTools.ps1'"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $calls = Get-AptLog $box
        @($calls | Where-Object { $_ -like 'install*' }).Count | Should -Be 1
        @(($calls | Where-Object { $_ -like 'install*' }).Split(' ') | Where-Object { $_ -like 'python3-*' }) | Should -Be @('python3-pandas')
    }

    It 'does not call apt at all when every module imports' {
        $box = New-InstallSandbox -Blocked @()
        $r = Invoke-InSandbox $box "& '$tools/Install-ReferenceTools.ps1'"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        Get-AptLog $box | Should -BeNullOrEmpty
    }

    It 'fails naming the packages and apt''s exit code when apt fails' {
        $box = New-InstallSandbox -Blocked scipy -AptExit 100
        $r = Invoke-InSandbox $box "& '$tools/Install-ReferenceTools.ps1'"
        $r.ExitCode | Should -Not -Be 0
        $text = $r.Output -join "`n"
        $text | Should -Match 'python3-scipy'
        $text | Should -Match 'exit code 100'
    }

    It 'goes through sudo with apt-get''s resolved path when not root' {
        $box = New-InstallSandbox -Blocked sklearn -AsSudoUser
        $r = Invoke-InSandbox $box "& '$tools/Install-ReferenceTools.ps1'"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $calls = Get-AptLog $box
        $calls | Should -Contain "sudo DEBIAN_FRONTEND=noninteractive $($box.Bin)/apt-get update -qq"
        @($calls | Where-Object { $_ -like 'sudo *apt-get install -y *python3-sklearn*' }).Count | Should -Be 1
    }
}

Describe 'Install-DebianPackage.ps1, the one installer helper' {
    It 'runs apt-get update once for several installs in one process tree' {
        $box = New-InstallSandbox -Blocked @()
        $r = Invoke-InSandbox $box "& '$tools/Install-DebianPackage.ps1' -Package one; & '$tools/Install-DebianPackage.ps1' -Package two, three"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $calls = Get-AptLog $box
        @($calls | Where-Object { $_ -like 'update*' }).Count | Should -Be 1
        @($calls | Where-Object { $_ -like 'install*' }) | Should -Be @('install -y -qq --no-install-recommends one', 'install -y -qq --no-install-recommends two three')
    }

    It 'does nothing for an empty list' {
        $box = New-InstallSandbox -Blocked @()
        $r = Invoke-InSandbox $box "& '$tools/Install-DebianPackage.ps1' -Package @()"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        Get-AptLog $box | Should -BeNullOrEmpty
    }
}
