using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Retrain.Benchmarks.Speed;

/// <summary>The long-lived Python process (reference/worker.py) that runs the scipy / scikit-learn side.</summary>
internal sealed class ReferenceWorker : IDisposable
{
    private readonly Process _process;

    public ReferenceWorker(string python, string script)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(script);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
    }

    public JsonObject Send(JsonObject message)
    {
        _process.StandardInput.WriteLine(message.ToJsonString());
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The reference worker exited (code {(_process.HasExited ? _process.ExitCode : -1)}); see its error output above.");
        var reply = JsonNode.Parse(line)!.AsObject();
        if (reply["ok"]?.GetValue<bool>() != true)
            throw new InvalidOperationException("Reference worker: " + reply["error"]);
        return reply;
    }

    public void Setup(string name, string kind, JsonObject arguments)
    {
        arguments["cmd"] = "setup";
        arguments["case"] = name;
        arguments["kind"] = kind;
        Send(arguments);
    }

    public (double Seconds, JsonObject Summary) Run(string name)
    {
        var reply = Send(new JsonObject { ["cmd"] = "run", ["case"] = name });
        return (reply["seconds"]!.GetValue<double>(), reply["summary"]!.AsObject());
    }

    public void Drop(string name) => Send(new JsonObject { ["cmd"] = "drop", ["case"] = name });

    public JsonObject Versions() => Send(new JsonObject { ["cmd"] = "versions" })["versions"]!.AsObject();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine(JsonSerializer.Serialize(new { cmd = "quit" }));
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(10_000))
                    _process.Kill();
            }
        }
        catch (IOException) { }
        _process.Dispose();
    }
}
