using System.Globalization;
using System.Management.Automation;
using Retrain.Engine.Scheduling;
using Retrain.PowerShell.Hosting;

namespace Retrain.PowerShell.Cmdlets;

/// <summary>The next runs of the pipeline's cron schedule (pipeline.schedule_cron, or -Cron), in a chosen time zone.</summary>
[Cmdlet(VerbsCommon.Get, "RetrainSchedule")]
[OutputType(typeof(ScheduleOccurrence))]
public sealed class GetRetrainScheduleCommand : RetrainCmdlet
{
    /// <summary>A cron expression instead of pipeline.schedule_cron (the configuration is then not read).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Cron { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Count { get; set; } = 5;

    /// <summary>An IANA or Windows time zone id; default: this machine's.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TimeZone { get; set; }

    /// <summary>Runs strictly after this time; a time without a zone is the clock of -TimeZone. Default: now.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    protected override void EndProcessing()
    {
        var cron = Cron ?? Options.Pipeline.ScheduleCron;
        WriteVerbose(Cron is not null
            ? $"Cron '{cron}' from -Cron."
            : $"Cron '{cron}' from pipeline.schedule_cron ({Options.SourcePath ?? "the built-in default"}).");
        var zone = TimeZone is null ? TimeZoneInfo.Local : Invoke(() => CronSchedule.FindTimeZone(TimeZone));
        WriteVerbose(TimeZone is null ? $"Time zone {zone.Id}: this machine's (give -TimeZone for another)." : $"Time zone {zone.Id}.");
        var after = After is { } given ? CronSchedule.InstantOf(given, zone) : DateTimeOffset.UtcNow;
        var runs = Invoke(() => CronSchedule.Next(cron, after, zone, Count));
        if (runs.Count < Count)
            WriteWarning(runs.Count == 0
                ? $"'{cron}' has no run after {after.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: no such date exists."
                : $"'{cron}' has only {runs.Count} runs after {after.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.");
        WriteObject(runs, enumerateCollection: true);
    }
}
