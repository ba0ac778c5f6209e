using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Users;

public sealed class ProtectedRouteTests : ApiTestBase
{
    [Test]
    public async Task Profile_WithAccessToken_ReturnsTheCaller()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync("/api/profile", session.AccessToken);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["user"]!["id"]!.GetValue<Guid>(), Is.EqualTo(session.UserId));
            Assert.That(body["user"]!["username"]!.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(body["user"]!["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
            Assert.That(body["user"]!["createdAt"], Is.Not.Null);
        }
    }

    [Test]
    public async Task Dashboard_ReportsLastLoginAndActiveSessions()
    {
        var first = await Api.SignUpAndLoginAsync();
        var second = await Api.LoginSessionAsync("alice@example.com");
        var third = await Api.LoginSessionAsync("alice@example.com");
        using (var logout = await Api.LogoutAsync(third.AccessToken))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var response = await Api.GetAsync("/api/dashboard", second.AccessToken);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var sid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(second.AccessToken).GetClaim("sid").Value;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["user"]!["id"]!.GetValue<Guid>(), Is.EqualTo(first.UserId));
            Assert.That(body["activeSessions"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(body["currentSessionId"]!.GetValue<string>(), Is.EqualTo(sid));
            Assert.That(body["lastLoginAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        }
    }

    [TestCase("/api/profile")]
    [TestCase("/api/dashboard")]
    public async Task ProtectedRoute_WithoutToken_Returns401ProblemWithBearerChallenge(string path)
    {
        using var response = await Api.GetAsync(path, accessToken: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [Test]
    public async Task ProtectedRoute_WithOwnMintedToken_IsAccepted()
    {
        // Guards the token-attack suite: the same minting with one thing changed is what gets rejected.
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync("/api/profile", TestTokens.Mint(Factory, session));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ProtectedRoute_WithTokenExpiredWithinSkew_IsStillAccepted()
    {
        var session = await Api.SignUpAndLoginAsync();
        var token = TestTokens.Mint(Factory, session, d =>
        {
            d.IssuedAt = DateTime.UtcNow.AddMinutes(-15);
            d.NotBefore = d.IssuedAt;
            d.Expires = DateTime.UtcNow.AddSeconds(-10);
        });

        using var response = await Api.GetAsync("/api/profile", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ProtectedRoute_WithTokenOfADeletedUser_Returns401OnceTheDeletionIsAnnounced()
    {
        var session = await Api.SignUpAndLoginAsync();
        await Factory.WaitUntilListeningAsync();
        await using (var connection = await Database.OpenAsync())
        await using (var delete = new Npgsql.NpgsqlCommand("delete from users", connection))
        {
            await delete.ExecuteNonQueryAsync();
        }

        // The cascade deletes the user's sessions, and the sessions trigger announces each one to every instance.
        Assert.That(await Factory.WaitUntilRevokedAsync(session.SessionId, TimeSpan.FromSeconds(1)), Is.True);

        using var response = await Api.GetAsync("/api/profile", session.AccessToken);

        await ShouldBeRejectedAsync(response);
    }

    [Test]
    public async Task ProtectedRoute_WithAWellSignedTokenOfAnUnknownUser_Returns401InvalidToken()
    {
        var session = await Api.SignUpAndLoginAsync();
        var token = TestTokens.Mint(Factory, session, d => d.Claims["sub"] = Guid.CreateVersion7().ToString());

        using var response = await Api.GetAsync("/api/profile", token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    private static async Task ShouldBeRejectedAsync(HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }
}
