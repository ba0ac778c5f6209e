using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

public sealed class SessionsTests : ApiTestBase
{
    [Test]
    public async Task ListSessions_AfterTwoLogins_ListsBothAndMarksTheCurrentOne()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await LoginWithUserAgentAsync("AuthFlowTests/1.0 (phone)");

        using var response = await Api.ListSessionsAsync(laptop.AccessToken);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var sessions = body["sessions"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var listedPhone = sessions.Single(s => s["id"]!.GetValue<Guid>() == phone.SessionId);
        var listedLaptop = sessions.Single(s => s["id"]!.GetValue<Guid>() == laptop.SessionId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(sessions, Has.Count.EqualTo(2));
            Assert.That(listedLaptop["current"]!.GetValue<bool>(), Is.True);
            Assert.That(listedPhone["current"]!.GetValue<bool>(), Is.False);
            Assert.That(listedPhone["userAgent"]!.GetValue<string>(), Is.EqualTo("AuthFlowTests/1.0 (phone)"));
            Assert.That(listedPhone.ContainsKey("ipAddress"), Is.True);
            Assert.That(listedPhone["createdAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(listedPhone["lastUsedAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(listedPhone["createdAt"]!.GetValue<DateTimeOffset>()));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        }
    }

    [Test]
    public async Task ListSessions_ShowsOnlyTheCallersActiveSessions()
    {
        var alice = await Api.SignUpAndLoginAsync("alice@example.com");
        var ended = await Api.LoginSessionAsync("alice@example.com");
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");
        using var logout = await Api.LogoutAsync(ended.AccessToken);

        using var response = await Api.ListSessionsAsync(alice.AccessToken);

        var ids = (await response.ReadJsonAsync())["sessions"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>());
        Assert.That(ids, Is.EqualTo(new[] { alice.SessionId }), $"not {ended.SessionId} (ended) nor {bob.SessionId} (bob's)");
    }

    [Test]
    public async Task ListSessions_WithoutAccessToken_Returns401()
    {
        using var response = await Api.ListSessionsAsync(accessToken: null!);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task EndSession_OfTheCallersOtherSession_Returns204AndEndsIt()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");

        using var response = await Api.EndSessionAsync(laptop.AccessToken, phone.SessionId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var phoneProfile = await Api.GetAsync("/api/profile", phone.AccessToken);
        await phoneProfile.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var phoneRefresh = await Api.RefreshAsync(phone.RefreshToken);
        await phoneRefresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(await Api.ProfileStatusAsync(laptop.AccessToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EndSession_OfTheCurrentSession_EndsIt()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.EndSessionAsync(session.AccessToken, session.SessionId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task EndSession_OfSomeoneElse_Returns404LikeAnUnknownSessionAndEndsNothing()
    {
        var alice = await Api.SignUpAndLoginAsync("alice@example.com");
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");

        using var someoneElses = await Api.EndSessionAsync(alice.AccessToken, bob.SessionId);
        using var unknown = await Api.EndSessionAsync(alice.AccessToken, Guid.CreateVersion7());

        var first = await someoneElses.ShouldBeProblemAsync(HttpStatusCode.NotFound, "session_not_found");
        var second = await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "session_not_found");
        Assert.That(first["title"]!.GetValue<string>(), Is.EqualTo(second["title"]!.GetValue<string>()));
        Assert.That(await Api.ProfileStatusAsync(bob.AccessToken), Is.EqualTo(HttpStatusCode.OK));
        using var bobsRefresh = await Api.RefreshAsync(bob.RefreshToken);
        Assert.That(bobsRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EndSession_Twice_Returns404TheSecondTime()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");
        using var first = await Api.EndSessionAsync(laptop.AccessToken, phone.SessionId);

        using var second = await Api.EndSessionAsync(laptop.AccessToken, phone.SessionId);

        await second.ShouldBeProblemAsync(HttpStatusCode.NotFound, "session_not_found");
    }

    [Test]
    public async Task EndSession_WithoutAccessToken_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/auth/sessions/{session.SessionId}");

        using var response = await Api.Http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task Dashboard_CountsTheActiveSessions()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");
        await Api.LoginSessionAsync("alice@example.com");
        using var logout = await Api.LogoutAsync(phone.AccessToken);

        using var response = await Api.GetAsync("/api/dashboard", laptop.AccessToken);

        Assert.That((await response.ReadJsonAsync())["activeSessions"]!.GetValue<int>(), Is.EqualTo(2));
    }

    private async Task<Session> LoginWithUserAgentAsync(string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword }),
        };
        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse("AuthFlowTests/1.0"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("(phone)"));
        using var response = await Api.Http.SendAsync(request);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return new Session(body["user"]!["id"]!.GetValue<Guid>(), body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
    }
}
