using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

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
