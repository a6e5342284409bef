using System.Collections;
using System.Management.Automation;
using Retrain.Engine.Registry;
using Retrain.PowerShell.Hosting;
using Retrain.Engine;
using Retrain.Engine.Store;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>Changes a model version's description, tags and aliases.</summary>
[Cmdlet(VerbsCommon.Set, "ModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ModelVersion))]
public sealed class SetModelVersionCommand : RetrainCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelVersionCompleter))]
    [ValidateRange(1, int.MaxValue)]
    public int Version { get; set; }

    [Parameter]
    public string? Description { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveTag { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelAliasCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Alias { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ModelAliasCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveAlias { get; set; }

    [Parameter]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        TryInvoke(() =>
        {
            var current = Store.GetVersion(Name, Version);
            var target = current.Uri;
            // Checked before any ShouldProcess, so -WhatIf fails exactly where the real call would, and a bad
            // alias further down the list does not leave the earlier changes made.
            foreach (var alias in Alias ?? Array.Empty<string>())
                StoreNames.ValidateAlias(alias);
            foreach (var alias in RemoveAlias ?? Array.Empty<string>())
            {
                var holder = Store.GetVersionByAlias(Name, alias);
                if (holder.Version != Version)
                    throw new StoreException("ModelAliasOnOtherVersion", RetrainErrorKind.InvalidArgument,
                        $"Alias '{alias}' of model '{Name}' points to version {holder.Version}, not {Version}: remove it there (Set-ModelVersion {Name} {holder.Version} -RemoveAlias {alias}).",
                        $"models:/{Name}@{alias}");
            }
            if ((Description is not null || Tag is not null || RemoveTag is not null) && ConfirmChange(target, "Update description and tags"))
            {
                var tags = TagTable.ToDictionary(Tag);
                current = Store.UpdateVersion(Name, Version, Description, tags, RemoveTag, Reason);
            }
            foreach (var alias in Alias ?? Array.Empty<string>())
            {
                var holder = Store.ListVersions(Name).FirstOrDefault(v => v.Version != Version && v.Aliases.Contains(alias, StringComparer.Ordinal));
                var action = holder is null ? $"Set alias '{alias}'" : $"Move alias '{alias}' from version {holder.Version}";
                var question = holder is null ? null : $"Alias '{alias}' points to version {holder.Version} of '{Name}'. Move it to version {Version}?";
                if (!ConfirmChange(target, action, question, Force))
                    continue;
                current = Store.SetAlias(Name, alias, Version, Reason);
            }
            foreach (var alias in RemoveAlias ?? Array.Empty<string>())
            {
                if (ConfirmChange(target, $"Remove alias '{alias}'"))
                {
                    Store.DeleteAlias(Name, alias, Reason);
                    current = Store.GetVersion(Name, Version);
                }
            }
            if (PassThru)
                WriteObject(current);
        });
    }
}
