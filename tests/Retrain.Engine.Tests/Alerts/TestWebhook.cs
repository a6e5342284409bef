using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Retrain.Engine.Tests.Alerts;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (System.Net.HttpListener on a free port) that answers each POST with the next
/// status of a script (the last one repeats), or never answers at all, and keeps what it received.
/// </summary>
internal sealed class TestWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int[] _statuses;
    private readonly bool _silent;
    private readonly Task _loop;
    private int _served;

    private TestWebhook(int[] statuses, bool silent)
    {
        _statuses = statuses;
        _silent = silent;
        for (int tries = 0; ; tries++)
        {
            Port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (tries < 5)
            {
                _listener.Prefixes.Clear(); // taken between finding and binding it: try another
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Answers with these statuses in turn, repeating the last.</summary>
    public static TestWebhook Answering(params int[] statuses) => new(statuses, silent: false);

    /// <summary>Accepts each request and never answers it.</summary>
    public static TestWebhook Silent() => new(new[] { 200 }, silent: true);

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/retrain";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Method, string PathAndQuery, string? ContentType, string Body);

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType, await reader.ReadToEndAsync()));
            if (_silent)
                continue; // the client waits until it gives up; Dispose drops the connection
            int n = Interlocked.Increment(ref _served) - 1;
            context.Response.StatusCode = _statuses[Math.Min(n, _statuses.Length - 1)];
            context.Response.Close();
        }
    }

    // Not waiting for the loop: blocking a pool thread on it would starve the pool the other tests run on.
    public void Dispose()
    {
        try { _listener.Abort(); } catch (ObjectDisposedException) { }
        _loop.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // observed, so nothing is reported unobserved
    }
}
