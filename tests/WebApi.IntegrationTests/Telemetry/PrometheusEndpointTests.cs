using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Telemetry;

/// <summary><c>Telemetry:Prometheus</c>: off by default; when on, the scrape endpoint lists AuthFlow's metrics; with a port, only that port serves it.</summary>
public sealed class PrometheusEndpointTests : ApiTestBase
{
    [Test]
    public async Task Metrics_ByDefault_AreNotServed()
    {
        using var response = await Api.GetAsync("/metrics", accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Metrics_WhenEnabled_ListTheLoginCounterByOutcome()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus:Enabled"] = "true",
        });
        using var api = new AuthFlowClient(factory.CreateClient());
        using (await api.LoginAsync("nobody@example.com", "not the password at all"))
        {
        }

        using var response = await api.GetAsync("/metrics", accessToken: null);
        var text = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Match("authflow_auth_logins[a-z_]*\\{[^}]*authflow_login_outcome=\"invalid\"[^}]*\\} 1"));
            Assert.That(text, Does.Contain("http_server_request_duration"), "ASP.NET Core's own metrics");
        }
    }

    [Test]
    public async Task Metrics_OnTheirOwnPort_AreNotServedOnTheApiPort()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus:Enabled"] = "true",
            ["Telemetry:Prometheus:Port"] = "9464",
        });
        using var api = new AuthFlowClient(factory.CreateClient());

        using var response = await api.GetAsync("/metrics", accessToken: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
