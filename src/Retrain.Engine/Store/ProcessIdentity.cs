using System.Diagnostics;
using System.Globalization;

namespace Retrain.Engine.Store;

/// <summary>Whether the process a note names still runs, as far as this machine can tell.</summary>
internal enum ProcessState
{
    Running,

    /// <summary>No such process, or its pid now belongs to a process that started later (pid reuse).</summary>
    Gone,

    /// <summary>It ran on another machine, which cannot be asked.</summary>
    Unknown,
}

/// <summary>
/// A process told apart from any later one that reuses its pid: pid, machine and start time. On Linux the start
/// is also kept exactly, as the clock ticks since boot of <c>/proc/&lt;pid&gt;/stat</c> (field 22), so the check
/// does not depend on clocks agreeing; elsewhere the start times must agree within a second.
/// </summary>
internal sealed record ProcessIdentity(int Pid, string Machine, DateTimeOffset Started, long? StartTicks)
{
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    public static ProcessIdentity Current { get; } = OfCurrent();

    public ProcessState State()
    {
        if (!string.Equals(Machine, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            return ProcessState.Unknown;
        if (OperatingSystem.IsLinux() && StartTicks is long ticks)
            return LinuxStartTicks(Pid) == ticks ? ProcessState.Running : ProcessState.Gone;
        try
        {
            using Process process = Process.GetProcessById(Pid);
            if (process.HasExited)
                return ProcessState.Gone;
            return (process.StartTime.ToUniversalTime() - Started.UtcDateTime).Duration() <= StartTolerance ? ProcessState.Running : ProcessState.Gone;
        }
        catch (ArgumentException)
        {
            return ProcessState.Gone;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It exists but may not be inspected (another user's process on Windows): assume it runs.
            return ProcessState.Running;
        }
    }

    private static ProcessIdentity OfCurrent()
    {
        using Process self = Process.GetCurrentProcess();
        long? ticks = OperatingSystem.IsLinux() ? LinuxStartTicks(Environment.ProcessId) : null;
        return new ProcessIdentity(Environment.ProcessId, Environment.MachineName, self.StartTime.ToUniversalTime(), ticks);
    }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat, or null when there is no such live process (a zombie counts as gone).</summary>
    internal static long? LinuxStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces and ')'; fields 3.. follow the last ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0)
            return null;
        string[] fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X" or "x")
            return null;
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) ? ticks : null;
    }
}
