using System.Net;
using System.Text.Json.Nodes;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

public sealed class HostingTests : ApiTestBase
{
    [Test]
    public async Task OpenApiDocument_DescribesEveryEndpointAndTheBearerScheme()
    {
        using var response = await Api.GetAsync("/openapi/v1.json", accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/profile", "/api/dashboard",
        }));
        Assert.That(document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
    }

    [Test]
    public async Task InteractiveDocs_AreServed()
    {
        using var response = await Api.GetAsync("/docs", accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task HealthEndpoints_AnswerHealthy(string path)
    {
        await Factory.WaitUntilListeningAsync();
        using var response = await Api.GetAsync(path, accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_WhenTheDatabaseIsUnreachable_Answers503()
    {
        await using var factory = new AuthFlowApiFactory("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readiness_OfANewHost_BecomesHealthyOnceItListensForSessionRevocations()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString);
        using var client = factory.CreateClient();

        await factory.WaitUntilListeningAsync();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task WhileTheSessionRevocationListenerCannotConnect_TheInstanceStaysReady_AndASessionItCannotCheckGets503()
    {
        // The listener, and with it the per-request check it installs, points at a server that refuses connections.
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, configureServices: services =>
            services.AddSingleton(sp => new SessionRevocationListener(
                Options.Create(new DatabaseOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2" }),
                sp.GetRequiredService<RevokedSessionCache>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SessionRevocationListener>>())));
        using var api = new AuthFlowClient(factory.CreateClient());
        using (var registered = await api.RegisterAsync("away@example.com"))
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var login = await api.LoginAsync("away@example.com");
        var accessToken = (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>();

        using var profile = await api.GetAsync("/api/profile", accessToken);
        using var ready = await api.GetAsync("/health/ready", accessToken: null);
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));

        await profile.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the listener alone does not take the instance out");
            Assert.That(report.Entries["session-revocations"].Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(report.Entries["database"].Status, Is.EqualTo(HealthStatus.Healthy));
        }
    }
}
