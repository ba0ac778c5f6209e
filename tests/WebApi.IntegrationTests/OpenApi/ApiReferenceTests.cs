using System.Net;
using System.Net.Sockets;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace AuthFlow.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// The reference at <c>/docs</c> in Debian's headless Chromium, against a real Kestrel listener: it loads with no
/// failed request and nothing fetched from another host, has the product's title, lists every operation by its
/// summary and offers none of the hosted service's buttons.
/// </summary>
[NonParallelizable]
public sealed class ApiReferenceTests : ApiTestBase
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task Docs_LoadFromThisServerOnly_AndShowEveryOperationSummary()
    {
        Assert.That(File.Exists(Chromium), Is.True, "Debian's chromium package is required (build/test.sh installs it)");
        var port = FreePort();
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString);
        factory.UseKestrel(port);
        factory.StartServer();
        var origin = $"http://127.0.0.1:{port}";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                problems.Add($"another host: {request.Url}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status}: {response.Url}");
            }
        };

        var loaded = await page.GotoAsync($"{origin}/docs", new() { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
        var summaries = OpenApiContract.Current!.Operations().Select(o => (string)o.Operation["summary"]!).ToList();
        await page.WaitForSelectorAsync($"text={summaries[0]}", new() { Timeout = 30_000 });
        var text = await page.InnerTextAsync("body");

        Assert.Multiple(async () =>
        {
            Assert.That(loaded?.Status, Is.EqualTo((int)HttpStatusCode.OK));
            Assert.That(await page.TitleAsync(), Is.EqualTo("AuthFlow API reference"));
            Assert.That(problems, Is.Empty);
            // The rendered text, not the markup: the reference breaks long words with <wbr> ("sign<wbr>-in").
            foreach (var summary in summaries)
            {
                Assert.That(text, Does.Contain(summary));
            }

            foreach (var button in new[] { "Ask AI", "Generate SDK", "Deploy", "Share" })
            {
                Assert.That(text, Does.Not.Contain(button));
            }
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
