using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>A host with a short idle timeout (60 minutes) and absolute lifetime (2 hours), moved by its fake clock.</summary>
public sealed class SessionLifetimeTests : ApiTestBase
{
    private AuthFlowApiFactory _host = null!;
    private AuthFlowClient _api = null!;

    [OneTimeSetUp]
    public void StartHost() =>
        _host = new AuthFlowApiFactory(TestHost.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeoutMinutes"] = "60",
            ["Sessions:AbsoluteLifetimeHours"] = "2",
        });

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public void CreateHostClient()
    {
        _host.Clock.Reset();
        _api = new AuthFlowClient(_host.CreateClient());
    }

    [TearDown]
    public void DisposeHostClient() => _api.Dispose();

    [Test]
    public async Task Refresh_AfterTheIdleTimeout_Returns401()
    {
        var session = await _api.SignUpAndLoginAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(60));

        using var response = await _api.RefreshAsync(session.RefreshToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_JustBeforeTheIdleTimeout_Succeeds()
    {
        var session = await _api.SignUpAndLoginAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(59));

        using var response = await _api.RefreshAsync(session.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_PastTheAbsoluteLifetime_Returns401HoweverRecentlyUsed()
    {
        var session = await _api.SignUpAndLoginAsync();
        var token = session.RefreshToken;
        for (var i = 0; i < 2; i++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(50));
            using var refreshed = await _api.RefreshAsync(token);
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"refresh {i + 1} within both limits");
            token = (await refreshed.ReadJsonAsync())["refreshToken"]!.GetValue<string>();
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(21));
        using var response = await _api.RefreshAsync(token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task ListSessions_LeavesOutAnIdleSession()
    {
        var idle = await _api.SignUpAndLoginAsync();
        var used = await _api.LoginSessionAsync("alice@example.com");
        _host.Clock.Advance(TimeSpan.FromMinutes(50));
        string accessToken;
        using (var refreshed = await _api.RefreshAsync(used.RefreshToken))
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            accessToken = (await refreshed.ReadJsonAsync())["accessToken"]!.GetValue<string>();
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(11));

        // The bearer handler judges lifetimes on the same clock: the refreshed access token is 11 minutes old.
        using var response = await _api.ListSessionsAsync(accessToken);

        var ids = (await response.ReadJsonAsync())["sessions"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>());
        Assert.That(ids, Is.EqualTo(new[] { used.SessionId }), $"not the idle {idle.SessionId}");
    }
}
