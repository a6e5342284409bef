using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Retrain.Benchmarks.Speed;

/// <summary>What the results were measured on: CPU, memory, OS, load, commit.</summary>
internal static class Machine
{
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Cpu()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical cores";
    }

    public static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? "n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024:F1} GB";
    }

    public static string Os() => RuntimeInformation.OSDescription;

    /// <summary>Peak resident set of this process (VmHWM), or PeakWorkingSet64 where /proc is missing.</summary>
    public static long PeakResidentBytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    public static string Commit(string? repo)
    {
        if (repo is null)
            return "unknown";
        try
        {
            var head = Git(repo, "rev-parse --short HEAD");
            var dirty = Git(repo, "status --porcelain --untracked-files=no -- src tests/Retrain.Benchmarks build.ps1");
            return head + (dirty.Length > 0 ? " (with uncommitted changes)" : "");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Git(string repo, string args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repo);
        foreach (var a in args.Split(' '))
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException("git failed");
        return output;
    }
}
