using System.Net;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

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
        using var response = await Api.GetAsync(path, accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_WhenTheDatabaseIsUnreachable_Answers503()
    {
        await using var factory = new AuthFlowApiFactory("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2", Mail.Port);
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
