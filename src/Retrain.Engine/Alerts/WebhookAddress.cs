namespace Retrain.Engine.Alerts;

/// <summary>
/// A webhook URL as messages may show it. Chat webhooks keep their token in the path (Slack's /services/T/B/token),
/// others in the query or the user info, so only scheme, host and port are shown: <c>https://hooks.example.com/***</c>.
/// </summary>
internal sealed class WebhookAddress
{
    private readonly string _original;

    private WebhookAddress(string original, Uri uri)
    {
        _original = original;
        Uri = uri;
        string server = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        bool more = uri.AbsolutePath.Length > 1 || uri.Query.Length > 0 || uri.Fragment.Length > 0;
        Shown = more ? server + "/***" : server;
    }

    public Uri Uri { get; }

    /// <summary>Scheme, host and port; <c>/***</c> when the URL had more.</summary>
    public string Shown { get; }

    /// <summary>The URL when it is an absolute http(s) one (what the loader accepts), else null.</summary>
    public static WebhookAddress? TryParse(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new WebhookAddress(url, uri)
            : null;

    /// <summary>What a URL that cannot be parsed is shown as: nothing of it.</summary>
    public const string Unparsable = "(a webhook_url that is not an absolute http(s) URL)";

    /// <summary>Text (an exception's message) with every spelling of the URL, and each secret-bearing part of it, withheld.</summary>
    public string Scrub(string text)
    {
        foreach (string whole in new[] { _original, Uri.OriginalString, Uri.AbsoluteUri }.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length))
            text = text.Replace(whole, Shown, StringComparison.Ordinal);
        foreach (string part in new[] { Uri.PathAndQuery, Uri.AbsolutePath, Uri.Query, Uri.Fragment, Uri.UserInfo }.Where(s => s.Length > 1).Distinct().OrderByDescending(s => s.Length))
            text = text.Replace(part, "***", StringComparison.Ordinal);
        return text;
    }
}
