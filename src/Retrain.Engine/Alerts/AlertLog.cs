using System.Diagnostics;

namespace Retrain.Engine.Alerts;

/// <summary>
/// alerts.log_path: each alert appended as one JSON line (JSON Lines), in one write so lines of processes that share
/// the file do not interleave. Never throws: a folder that cannot be made or a file that cannot be written is a failed
/// <see cref="AlertDelivery"/>.
/// </summary>
internal static class AlertLog
{
    public static AlertDelivery Append(string fullPath, byte[] json, AlertEvent alertEvent)
    {
        var clock = Stopwatch.StartNew();
        string? error = null;
        try
        {
            string? folder = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            var line = new byte[json.Length + 1];
            json.CopyTo(line, 0);
            line[^1] = (byte)'\n';
            // bufferSize 0: the line goes to the file in one write(2) on a file opened for appending.
            using var stream = new FileStream(fullPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            error = e.Message;
        }
        return new AlertDelivery
        {
            Kind = AlertTargetKind.LogFile,
            Target = fullPath,
            Event = alertEvent,
            Delivered = error is null,
            Attempts = 1,
            Error = error,
            Elapsed = clock.Elapsed,
        };
    }
}
