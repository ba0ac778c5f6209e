using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

// In the root namespace so that the set-up fixture covers every test of the assembly.
namespace AuthFlow.WebApi.BrowserTests;

/// <summary>
/// The real WebApi on a real Kestrel listener on a loopback port (a browser cannot reach the in-memory test server),
/// against the test PostgreSQL and the in-process SMTP server, and Debian's Chromium driven by Playwright. A missing
/// browser or axe-core fails the run; nothing is downloaded and nothing is skipped.
/// </summary>
[SetUpFixture]
public sealed class BrowserHost
{
    public const string DefaultChromium = "/usr/bin/chromium";

    public static PostgresTestDatabase Database { get; private set; } = null!;

    public static TestMailServer Mail { get; private set; } = null!;

    public static KestrelApiFactory Api { get; private set; } = null!;

    public static IPlaywright Playwright { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    /// <summary>The service's address as the browser sees it.</summary>
    public static Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where each test's screenshots go: <c>$AUTHFLOW_TEST_ARTIFACTS/screenshots</c>, else beside the tests.</summary>
    public static string ScreenshotFolder { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("AUTHFLOW_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. The browser tests drive Debian's Chromium and never download one: " +
                "install it with 'apt-get install -y chromium' (build/test.sh does), or set AUTHFLOW_CHROMIUM to its path.");
        }

        var artifacts = Environment.GetEnvironmentVariable("AUTHFLOW_TEST_ARTIFACTS");
        ScreenshotFolder = Path.Combine(string.IsNullOrWhiteSpace(artifacts) ? TestContext.CurrentContext.WorkDirectory : artifacts, "screenshots");
        Directory.CreateDirectory(ScreenshotFolder);

        Database = await PostgresTestDatabase.CreateAsync("authflow_it_browser");
        Mail = new TestMailServer();
        Mail.Start();

        var port = FreePort();
        // localhost, not 127.0.0.1: a page on http://localhost is a secure context, where the Secure refresh cookie works.
        BaseAddress = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}");
        Api = new KestrelApiFactory(Database.ConnectionString, port, BaseAddress);
        Api.StartServer();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        Mail?.Dispose();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>axe-core's browser bundle, as package.json pins it (npm ci in the project folder).</summary>
    public static string AxeSource()
    {
        var projectDirectory = typeof(BrowserHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        var axe = Path.Combine(projectDirectory, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
        {
            throw new InvalidOperationException($"axe-core is not installed at {axe}: run 'npm ci' in {projectDirectory} (build/test.sh does).");
        }

        return File.ReadAllText(axe);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The WebApi with the test settings on Kestrel; the emails link to its own account pages.</summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly Uri _baseAddress;

    public KestrelApiFactory(string connectionString, int port, Uri baseAddress)
    {
        _connectionString = connectionString;
        _baseAddress = baseAddress;
        UseKestrel(port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = TestSettings.For(_connectionString);
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = BrowserHost.Mail.Port.ToString(CultureInfo.InvariantCulture);
        settings["Email:Smtp:Security"] = "None";
        settings["Email:Smtp:From"] = "AuthFlow Tests <no-reply@authflow.test>";
        settings["Email:Dispatcher:PollIntervalMilliseconds"] = "50";
        settings["Email:ResetUrl"] = new Uri(_baseAddress, "/account/reset-password").AbsoluteUri;
        settings["Email:VerifyUrl"] = new Uri(_baseAddress, "/account/verify-email").AbsoluteUri;
        settings["AccountPages:ProductName"] = "AuthFlow Demo";
        // Passkeys are bound to the host the browser sees (localhost) and the pages' exact origin, as a deployment binds
        // them to its own domain; the other suites keep their fictitious relying party.
        settings["Passkeys:RelyingPartyId"] = _baseAddress.Host;
        settings["Passkeys:Origins:0"] = _baseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
