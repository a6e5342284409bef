<#
.SYNOPSIS
    Renders module/help/*.psd1 into the MAML file PowerShell reads for compiled cmdlets' help.
.DESCRIPTION
    platyPS is not served from NuGet, so this does its one job here: the prose comes from one help
    file per cmdlet, the syntax and parameter facts (sets, positions, pipeline input, types,
    aliases) from the built cmdlets themselves, so the help cannot drift from the code. A cmdlet
    without a help file, or a parameter without a description, fails the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru -Force
$shared = Import-PowerShellDataFile (Join-Path $HelpSource '_shared.psd1')
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$w = [System.Xml.XmlWriter]::Create($OutFile, $settings)

function Start-El([string] $prefix, [string] $name) { $w.WriteStartElement($prefix, $name, $ns[$prefix]) }
function End-El { $w.WriteEndElement() }
function Write-El([string] $prefix, [string] $name, [string] $text) { $w.WriteElementString($prefix, $name, $ns[$prefix], $text) }
function Write-Paras([string[]] $paras) {
    Start-El maml description
    foreach ($p in $paras) { Write-El maml para $p }
    End-El
}
function Get-TypeName([type] $type) {
    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GetGenericArguments()[0] }
    $type.Name
}
function Get-PipelineText($attrs) {
    $kinds = @()
    if ($attrs | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attrs | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')

foreach ($cmd in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $HelpSource "$($cmd.Name).psd1"
    if (-not (Test-Path $file)) { throw "No help file for $($cmd.Name): add $file." }
    $help = Import-PowerShellDataFile $file
    $params = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common })
    $describe = {
        param($name)
        if ($help["Parameters"] -and $help["Parameters"].ContainsKey($name)) { return $help.Parameters[$name] }
        if ($shared.Parameters.ContainsKey($name)) { return $shared.Parameters[$name] }
        throw "Help for $($cmd.Name) does not describe parameter -$name ($file)."
    }

    Start-El command command
    Start-El command details
    Write-El command name $cmd.Name
    Write-El command verb $cmd.Verb
    Write-El command noun $cmd.Noun
    Write-Paras @($help.Synopsis)
    End-El
    Write-Paras $help.Description

    Start-El command syntax
    foreach ($set in $cmd.ParameterSets) {
        Start-El command syntaxItem
        Write-El maml name $cmd.Name
        $ordered = $set.Parameters | Where-Object { $_.Name -notin $common } |
            Sort-Object @{ e = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ e = { -not $_.IsMandatory } }
        foreach ($p in $ordered) {
            Start-El command parameter
            $w.WriteAttributeString('required', "$($p.IsMandatory)".ToLowerInvariant())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $w.WriteAttributeString('pipelineInput', $(Get-PipelineText @([pscustomobject]@{ ValueFromPipeline = $p.ValueFromPipeline; ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName })))
            Write-El maml name $p.Name
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                Start-El command parameterValue; $w.WriteAttributeString('required', 'true'); $w.WriteString((Get-TypeName $p.ParameterType)); End-El
            }
            End-El
        }
        End-El
    }
    End-El

    Start-El command parameters
    foreach ($p in $params | Sort-Object Name) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        # The position shown is the one of the default parameter set when the parameter is in it (what a user
        # types first), else the lowest. Counted, not tested for truth: a lone position 0 is falsy in PowerShell.
        $default = @($attrs | Where-Object { $_.ParameterSetName -eq $cmd.DefaultParameterSet -and $_.Position -ge 0 })
        $positions = @($(if ($default.Count) { $default } else { $attrs | Where-Object Position -ge 0 }) | ForEach-Object Position | Sort-Object -Unique)
        Start-El command parameter
        $w.WriteAttributeString('required', "$([bool]($attrs | Where-Object Mandatory))".ToLowerInvariant())
        $w.WriteAttributeString('position', $(if ($positions.Count) { "$($positions[0])" } else { 'named' }))
        $w.WriteAttributeString('pipelineInput', (Get-PipelineText $attrs))
        $w.WriteAttributeString('globbing', "$([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLowerInvariant())
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        Write-El maml name $p.Name
        Write-Paras @(& $describe $p.Name)
        if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
            Start-El command parameterValue; $w.WriteAttributeString('required', 'true'); $w.WriteString((Get-TypeName $p.ParameterType)); End-El
        }
        Start-El dev type; Write-El maml name $p.ParameterType.FullName; End-El
        End-El
    }
    End-El

    Start-El command inputTypes
    foreach ($entry in ($help["Inputs"] ?? @{}).GetEnumerator()) {
        Start-El command inputType; Start-El dev type; Write-El maml name $entry.Key; End-El; Write-Paras @($entry.Value); End-El
    }
    End-El
    Start-El command returnValues
    foreach ($entry in ($help["Outputs"] ?? @{}).GetEnumerator()) {
        Start-El command returnValue; Start-El dev type; Write-El maml name $entry.Key; End-El; Write-Paras @($entry.Value); End-El
    }
    End-El
    if ($help.ContainsKey('Notes')) {
        Start-El maml alertSet; Start-El maml alert
        foreach ($n in $help.Notes) { Write-El maml para $n }
        End-El; End-El
    }

    Start-El command examples
    $i = 0
    foreach ($ex in $help.Examples) {
        $i++
        Start-El command example
        Write-El maml title "-------------------------- Example ${i}: $($ex.Title) --------------------------"
        Write-El dev code $ex.Code
        Start-El dev remarks; Write-El maml para $ex.Remarks; End-El
        End-El
    }
    End-El
    Start-El command relatedLinks
    foreach ($link in @($help["Related"] ?? @())) { Start-El maml navigationLink; Write-El maml linkText $link; End-El }
    End-El
    End-El
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()
