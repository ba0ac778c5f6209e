using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AuthFlow.WebApi.IntegrationTests.Account;

/// <summary>The pages under /account as HTTP sees them: headers, theme from configuration, and turning them off.</summary>
public sealed class AccountPagesTests : ApiTestBase
{
    [TestCase("/account", "Your account")]
    [TestCase("/account/sign-in", "Sign in")]
    [TestCase("/account/register", "Create an account")]
    [TestCase("/account/forgot-password", "Forgot your password")]
    [TestCase("/account/reset-password?token=abc", "Choose a new password")]
    [TestCase("/account/verify-email?token=abc", "Verify your email address")]
    public async Task Page_IsHtmlWithStrictHeaders(string path, string heading)
    {
        using var response = await Api.Http.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain($"<h1>{heading}</h1>").And.Not.Contain("{{"));
            Assert.That(html, Does.Not.Contain("<script>").And.Not.Match(@"\son[a-z]+="), "no inline script or handler");
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        }
    }

    [TestCase("/account/assets/account.js", "text/javascript")]
    [TestCase("/account/assets/account.css", "text/css")]
    [TestCase("/account/assets/theme.css", "text/css")]
    public async Task Asset_IsServedWithItsType(string path, string mediaType)
    {
        using var response = await Api.Http.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
    }

    [Test]
    public async Task Theme_ComesFromConfiguration_AndIsEncoded()
    {
        await using var themed = Factory.WithWebHostBuilder(b => b
            .UseSetting("AccountPages:ProductName", "Acme <b>ID</b>")
            .UseSetting("AccountPages:LogoUrl", "https://cdn.acme.example/logo.svg")
            .UseSetting("AccountPages:AccentColor", "#fde047"));
        using var client = themed.CreateClient();

        using var page = await client.GetAsync("/account/sign-in");
        var html = await page.Content.ReadAsStringAsync();
        var theme = await client.GetStringAsync("/account/assets/theme.css");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("Acme &lt;b&gt;ID&lt;/b&gt;").And.Not.Contain("<b>ID</b>"));
            Assert.That(html, Does.Contain("<img class=\"logo\" src=\"https://cdn.acme.example/logo.svg\" alt=\"\">"));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("img-src 'self' data: https://cdn.acme.example;"));
            // A pale accent: black text on it, and links stay dark so that they keep a 4.5:1 contrast on white.
            Assert.That(theme, Does.Contain("--accent: #fde047;").And.Contain("--on-accent: #000000;").And.Contain("--link: #1f2937;"));
        }
    }

    [Test]
    public async Task ProductName_DefaultsToTheEmailProductName()
    {
        await using var named = Factory.WithWebHostBuilder(b => b.UseSetting("Email:ProductName", "Widgets Inc"));
        using var client = named.CreateClient();

        Assert.That(await client.GetStringAsync("/account/register"), Does.Contain("<title>Create an account · Widgets Inc</title>"));
    }

    [Test]
    public async Task Pages_TurnedOff_AreNotServed()
    {
        await using var off = Factory.WithWebHostBuilder(b => b.UseSetting("AccountPages:Enabled", "false"));
        using var client = off.CreateClient();

        using var response = await client.GetAsync("/account/sign-in");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("AccountPages__AccentColor", "red; background: url(x)", "AccountPages:AccentColor")]
    [TestCase("AccountPages__LogoUrl", "javascript:alert(1)", "AccountPages:LogoUrl")]
    [TestCase("AccountPages__LogoUrl", "//evil.example/logo.png", "AccountPages:LogoUrl")]
    public async Task Startup_WithABadThemeSetting_ExitsNamingIt(string variable, string value, string setting)
    {
        var result = await WebApiProcess.RunAsync(["--urls", "http://127.0.0.1:0"], "Host=127.0.0.1;Port=1;Database=unused",
            new Dictionary<string, string> { [variable] = value });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("AuthFlow cannot start").And.Contain(setting));
        }
    }
}
