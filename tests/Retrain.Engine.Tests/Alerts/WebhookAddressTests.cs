using Retrain.Engine.Alerts;

namespace Retrain.Engine.Tests.Alerts;

/// <summary>A webhook URL may hold a token (in the user info, the path or the query): messages show scheme, host and port only.</summary>
public class WebhookAddressTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXXSECRET", "https://hooks.slack.com/***")]
    [InlineData("https://user:SECRET@hooks.example.com:8443/hook?token=SECRET#SECRET", "https://hooks.example.com:8443/***")]
    [InlineData("http://hooks.example.com", "http://hooks.example.com")]
    [InlineData("http://hooks.example.com/", "http://hooks.example.com")]
    [InlineData("http://[::1]:9000/x?k=SECRET", "http://[::1]:9000/***")]
    public void Shown_KeepsSchemeHostAndPortOnly(string url, string shown)
    {
        Assert.Equal(shown, WebhookAddress.TryParse(url)!.Shown);
    }

    [Fact]
    public void Scrub_WithholdsTheUrlAndItsSecretParts_FromAnyText()
    {
        var address = WebhookAddress.TryParse("https://bot:SECRET@hooks.example.com/services/SECRET?token=SECRET")!;
        string text = address.Scrub("POST https://bot:SECRET@hooks.example.com/services/SECRET?token=SECRET failed; "
            + "path /services/SECRET?token=SECRET; query ?token=SECRET; user bot:SECRET");
        Assert.DoesNotContain("SECRET", text);
        Assert.Contains("https://hooks.example.com/***", text);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("hooks.example.com/x")]
    [InlineData("/relative/path")]
    public void TryParse_RefusesAnythingButAbsoluteHttp(string url)
    {
        Assert.Null(WebhookAddress.TryParse(url));
    }
}
