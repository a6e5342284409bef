using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Retrain.Engine.Store.FileStore;

/// <summary>What can be known of a run's owner from here.</summary>
internal enum OwnerState : long
{
    /// <summary>The same process still runs: the run may be in progress.</summary>
    Alive,

    /// <summary>Same machine, and the process has ended (or its pid now belongs to a process started later, or the machine rebooted).</summary>
    Gone,

    /// <summary>Another machine's process: nothing here can tell whether it still runs.</summary>
    Unknown,
}

/// <summary>
/// This process as an <see cref="OwnerRecord"/>, and whether a recorded owner still runs. A pid alone is not an
/// identity (pids are reused), so the start time goes with it: on Linux the exact tick count of /proc/&lt;pid&gt;/stat
/// and the boot id, elsewhere <see cref="Process.StartTime"/> within a second.
/// </summary>
internal static class ProcessIdentity
{
    private static readonly Lazy<OwnerRecord> Self = new(() => Of(Environment.ProcessId));

    /// <summary>This process (computed once: a process's identity does not change).</summary>
    public static OwnerRecord Current => Self.Value;

    public static OwnerState Check(OwnerRecord owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!string.Equals(owner.Machine, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            return OwnerState.Unknown;
        if (OperatingSystem.IsLinux() && owner.StartTicks is long ticks)
        {
            if (owner.BootId is not null && BootId() is string boot && boot != owner.BootId)
                return OwnerState.Gone;
            if (LinuxStat(owner.Pid) is not { } stat)
                return Exists(owner.Pid) ? OwnerState.Alive : OwnerState.Gone; // hidden by /proc's hidepid: alive, as far as can be told
            return stat.State is not ('Z' or 'X') && stat.StartTicks == ticks ? OwnerState.Alive : OwnerState.Gone;
        }
        return StartTimeOf(owner.Pid) is DateTimeOffset start && (owner.ProcessStart is not DateTimeOffset recorded || (start - recorded).Duration() < TimeSpan.FromSeconds(1))
            ? OwnerState.Alive : OwnerState.Gone;
    }

    /// <summary>"pid 123 on host, started 2026-…", for messages.</summary>
    public static string Describe(OwnerRecord owner) =>
        $"pid {owner.Pid} on {owner.Machine}" + (owner.ProcessStart is DateTimeOffset start ? $", started {start:yyyy-MM-dd HH:mm:ss} UTC" : "");

    /// <summary>A process of this machine as it would record itself (tests describe child processes with it).</summary>
    internal static OwnerRecord Of(int pid) => new()
    {
        Pid = pid,
        Machine = Environment.MachineName,
        ProcessStart = StartTimeOf(pid),
        StartTicks = OperatingSystem.IsLinux() ? LinuxStat(pid)?.StartTicks : null,
        BootId = OperatingSystem.IsLinux() ? BootId() : null,
    };

    private static DateTimeOffset? StartTimeOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The state letter (field 3) and start ticks (field 22) of /proc/&lt;pid&gt;/stat, or null when there is no such process.</summary>
    private static (char State, long StartTicks)? LinuxStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces or ')': the fields after the last ')' are plain.
        int close = text.LastIndexOf(')');
        string[] fields = close < 0 ? Array.Empty<string>() : text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (the state), so field 22 is fields[19].
        return fields.Length > 19 && fields[0].Length == 1 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            ? (fields[0][0], ticks) : null;
    }

    private const int NoSuchProcess = 3; // ESRCH

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>kill(pid, 0) sends nothing: it fails with ESRCH only when no such process exists (EPERM: it exists, someone else's).</summary>
    private static bool Exists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    private static string? BootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
