using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace AuthFlow.WebApi.BrowserTests;

/// <summary>Each test: empty database and mailbox, a fresh browser context (no cookies), one page, an API client.</summary>
public abstract class BrowserTestBase
{
    public const string Password = "correct horse battery staple";

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected HttpClient Api { get; private set; } = null!;

    /// <summary>Messages the browser printed: CSP violations land here.</summary>
    protected List<string> Console { get; } = [];

    protected virtual BrowserNewContextOptions ContextOptions => new();

    [SetUp]
    public async Task OpenPageAsync()
    {
        await BrowserHost.Database.ResetAsync();
        BrowserHost.Mail.Start();
        BrowserHost.Mail.Clear();
        Console.Clear();
        var options = ContextOptions;
        options.BaseURL = BrowserHost.BaseAddress.AbsoluteUri;
        Context = await BrowserHost.Browser.NewContextAsync(options);
        Page = await Context.NewPageAsync();
        Page.Console += (_, message) => Console.Add(message.Text);
        Page.SetDefaultTimeout(15_000);
        Api = new HttpClient { BaseAddress = BrowserHost.BaseAddress };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        Api.Dispose();
        await Context.CloseAsync();
    }

    /// <summary>Saves what the page shows now as <c>{name}.png</c> in the artifacts folder and attaches it to the test.</summary>
    protected async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserHost.ScreenshotFolder, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    protected async Task RegisterAsync(string email, string username = "alice")
    {
        using var response = await Api.PostAsJsonAsync("/api/auth/register", new { username, email, password = Password });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Logs in through the JSON API (another device, as far as the service knows); returns the body.</summary>
    protected async Task<JsonNode> LoginAsync(string email, string password = Password, string userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await Api.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Signs in on the sign-in page with the password; the caller says what comes next.</summary>
    protected async Task SubmitSignInAsync(string email, string password = Password)
    {
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Signs in on the page with the password alone and waits for the account page to show the user.</summary>
    protected async Task SignInAsync(string email, string username)
    {
        await SubmitSignInAsync(email);
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync(username);
    }

    protected async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in\\?signed-out$"));
    }

    /// <summary>The key the account page shows for typing into an authenticator app, once it is there, without its spaces.</summary>
    protected async Task<string> ShownTotpSecretAsync()
    {
        var secret = Page.Locator("#totp-secret");
        await Expect(secret).ToHaveTextAsync(new Regex("^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"));
        return (await secret.TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// What an authenticator app holding <paramref name="secret"/> shows, <paramref name="steps"/> 30-second steps from
    /// now. The service on Kestrel runs on the real clock, as a phone does; it accepts one step either side of its own.
    /// </summary>
    protected static string TotpCode(string secret, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().AddSeconds(30 * steps).UtcDateTime);

    /// <summary>
    /// Chromium's virtual authenticator (DevTools WebAuthn domain) on this page: a platform authenticator that holds
    /// discoverable credentials and verifies the user without a prompt. Returns the CDP session and its id.
    /// </summary>
    protected async Task<(ICDPSession Cdp, string AuthenticatorId)> AddVirtualAuthenticatorAsync()
    {
        var cdp = await Page.Context.NewCDPSessionAsync(Page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return (cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials the virtual authenticator holds.</summary>
    protected static async Task<JsonElement[]> VirtualCredentialsAsync(ICDPSession cdp, string authenticatorId)
    {
        var result = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        return [.. result!.Value.GetProperty("credentials").EnumerateArray()];
    }

    protected async Task<int> ProfileStatusAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profile");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Api.SendAsync(request);
        return (int)response.StatusCode;
    }

    protected async Task<int> RefreshStatusAsync(string refreshToken)
    {
        using var response = await Api.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        return (int)response.StatusCode;
    }
}
