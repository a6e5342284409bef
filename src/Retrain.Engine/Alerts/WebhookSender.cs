using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Retrain.Engine.Configuration;

namespace Retrain.Engine.Alerts;

/// <summary>
/// POSTs an alert with Polly: an overall timeout (alerts.timeout_seconds) around retries with exponential back-off
/// (alerts.retries, alerts.retry_delay_seconds) around a timeout per attempt. Only transient failures are retried:
/// connection errors, an attempt's timeout, 408, 429 and 5xx. Never throws: every outcome is an <see cref="AlertDelivery"/>.
/// </summary>
internal static class WebhookSender
{
    // One client for the process, as HttpClient is meant to be used; pooled connections are renewed so a changed DNS
    // entry is seen. No redirects: a POST redirected elsewhere is not the configured endpoint.
    private static readonly Lazy<HttpClient> s_client = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the pipeline's timeouts bound every attempt
    });

    private static readonly ProductInfoHeaderValue s_userAgent =
        new("Retrain", typeof(WebhookSender).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>Transient by RFC 9110's meaning: the same request may succeed later.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static async Task<AlertDelivery> SendAsync(WebhookAddress address, byte[] body, AlertEvent alertEvent, AlertsOptions options,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int attempts = 0;
        int? status = null;
        string? error;
        bool delivered = false;
        try
        {
            using HttpResponseMessage response = await Pipeline(options).ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                status = null;
                using var request = new HttpRequestMessage(HttpMethod.Post, address.Uri)
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
                };
                request.Headers.UserAgent.Add(s_userAgent);
                HttpResponseMessage r = await s_client.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                status = (int)r.StatusCode;
                return r;
            }, cancellationToken).ConfigureAwait(false);

            delivered = response.IsSuccessStatusCode;
            error = delivered ? null
                : $"HTTP {status} ({response.ReasonPhrase ?? response.StatusCode.ToString()}){After(attempts)}"
                  + (IsTransient(response.StatusCode) ? "" : "; not retried (not a transient status)");
        }
        catch (TimeoutRejectedException)
        {
            error = $"no answer in time{After(attempts)} (alerts.timeout_seconds = {Seconds(options.TimeoutSeconds)}, "
                + $"each attempt at most {Seconds(AttemptTimeout(options).TotalSeconds)})";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = $"cancelled{After(attempts)}";
        }
        catch (HttpRequestException e)
        {
            error = $"{address.Scrub(Describe(e))}{After(attempts)}";
        }
        catch (Exception e)
        {
            // Whatever else a handler or the network stack throws, the run that sends the alert goes on.
            error = $"{e.GetType().Name}: {address.Scrub(Describe(e))}{After(attempts)}";
        }

        return new AlertDelivery
        {
            Kind = AlertTargetKind.Webhook,
            Target = address.Shown,
            Event = alertEvent,
            Delivered = delivered,
            Attempts = attempts,
            StatusCode = status,
            Error = error,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>
    /// Each attempt may take half the overall time when there are retries, so one that hangs (a stale connection, a
    /// server that accepted and went quiet) is tried again; without retries it has all of it.
    /// </summary>
    internal static TimeSpan AttemptTimeout(AlertsOptions options)
    {
        double seconds = options.Retries > 0 ? options.TimeoutSeconds / 2 : options.TimeoutSeconds;
        return TimeSpan.FromSeconds(Math.Max(seconds, 0.01)); // Polly's smallest timeout is 10 ms
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(AlertsOptions options)
    {
        var overall = TimeSpan.FromSeconds(Math.Max(options.TimeoutSeconds, 0.01));
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(overall);
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(Math.Max(options.RetryDelaySeconds, 0)),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>() // the attempt's own timeout; the overall one cancels instead
                    .HandleResult(r => IsTransient(r.StatusCode)),
                // A server that says when to come back is believed, as long as that is within the overall time.
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result?.Headers.RetryAfter?.Delta is TimeSpan wait && wait <= overall ? wait : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose(); // the discarded response frees its connection
                    return default;
                },
            });
        }
        return builder.AddTimeout(AttemptTimeout(options)).Build();
    }

    private static string After(int attempts) =>
        attempts == 1 ? " after 1 attempt" : $" after {attempts.ToString(CultureInfo.InvariantCulture)} attempts";

    private static string Seconds(double s) => $"{s.ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>The message with its inner causes ("Connection refused (127.0.0.1:8080)"), without repeats.</summary>
    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (!string.IsNullOrWhiteSpace(x.Message) && !parts.Any(p => p.Contains(x.Message, StringComparison.Ordinal)))
                parts.Add(x.Message.TrimEnd('.'));
        return string.Join(": ", parts);
    }
}
