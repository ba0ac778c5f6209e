using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

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
    public async Task ProtectedRoute_WithRefreshTokenAsBearer_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync("/api/profile", session.RefreshToken);

        await ShouldBeRejectedAsync(response);
    }

    [Test]
    public async Task ProtectedRoute_WithTokenInQueryString_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync($"/api/profile?access_token={session.AccessToken}", accessToken: null);

        await ShouldBeRejectedAsync(response);
    }

    [Test]
    public async Task ProtectedRoute_WithOwnMintedToken_IsAccepted()
    {
        // Guards the tests below: the same minting with one thing changed is what gets rejected.
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync("/api/profile", TestTokens.Mint(session));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static readonly (string Name, Action<SecurityTokenDescriptor> Change)[] BadTokens =
    [
        ("expired beyond the 30 s skew", d => { d.IssuedAt = DateTime.UtcNow.AddMinutes(-20); d.NotBefore = d.IssuedAt; d.Expires = DateTime.UtcNow.AddSeconds(-45); }),
        ("not valid yet", d => { d.NotBefore = DateTime.UtcNow.AddMinutes(5); }),
        ("wrong issuer", d => d.Issuer = "https://evil.example"),
        ("wrong audience", d => d.Audience = "another-api"),
        ("no audience", d => d.Audience = null),
        ("wrong typ", d => d.TokenType = "JWT"),
        ("signed with another key", d => d.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)), SecurityAlgorithms.HmacSha256)),
        ("HS512 with the service key", d => d.SigningCredentials = new SigningCredentials(TestTokens.ServiceKey.Key, SecurityAlgorithms.HmacSha512)),
        ("no sid", d => d.Claims.Remove("sid")),
        ("subject is not a user id", d => d.Claims["sub"] = "admin"),
    ];

    private static IEnumerable<TestCaseData> BadTokenCases() => BadTokens.Select(t => new TestCaseData(t.Name).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(BadTokenCases))]
    public async Task ProtectedRoute_WithBadToken_Returns401(string name)
    {
        var session = await Api.SignUpAndLoginAsync();
        var token = TestTokens.Mint(session, BadTokens.Single(t => t.Name == name).Change);

        using var response = await Api.GetAsync("/api/profile", token);

        await ShouldBeRejectedAsync(response);
    }

    [Test]
    public async Task ProtectedRoute_WithTokenExpiredWithinSkew_IsStillAccepted()
    {
        var session = await Api.SignUpAndLoginAsync();
        var token = TestTokens.Mint(session, d =>
        {
            d.IssuedAt = DateTime.UtcNow.AddMinutes(-15);
            d.NotBefore = d.IssuedAt;
            d.Expires = DateTime.UtcNow.AddSeconds(-10);
        });

        using var response = await Api.GetAsync("/api/profile", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ProtectedRoute_WithUnsignedAlgNoneToken_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();
        var parts = session.AccessToken.Split('.');
        var unsigned = $"{TestTokens.Base64Url("""{"alg":"none","typ":"at+jwt"}""")}.{parts[1]}.";

        using var response = await Api.GetAsync("/api/profile", unsigned);

        await ShouldBeRejectedAsync(response);
    }

    [Test]
    public async Task ProtectedRoute_WithPayloadChangedUnderTheOldSignature_Returns401()
    {
        var alice = await Api.SignUpAndLoginAsync("alice@example.com");
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");
        var parts = alice.AccessToken.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(alice.UserId.ToString(), bob.UserId.ToString(), StringComparison.Ordinal);
        var forged = $"{parts[0]}.{TestTokens.Base64Url(payload)}.{parts[2]}";

        using var response = await Api.GetAsync("/api/profile", forged);

        await ShouldBeRejectedAsync(response);
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    [TestCase("%%%.***.###")]
    public async Task ProtectedRoute_WithMalformedToken_Returns401(string token)
    {
        using var response = await Api.GetAsync("/api/profile", token);

        await ShouldBeRejectedAsync(response);
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
        var token = TestTokens.Mint(session, d => d.Claims["sub"] = Guid.CreateVersion7().ToString());

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
