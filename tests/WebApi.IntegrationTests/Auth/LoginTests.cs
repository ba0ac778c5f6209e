using System.Net;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

public sealed class LoginTests : ApiTestBase
{
    [Test]
    public async Task Login_WithRightPassword_ReturnsUserAndBothTokensUncached()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");
        var userId = (await registered.ReadJsonAsync())["user"]!["id"]!.GetValue<Guid>();

        using var response = await Api.LoginAsync("alice@example.com");

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["user"]!["id"]!.GetValue<Guid>(), Is.EqualTo(userId));
            Assert.That(body["user"]!["username"]!.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(body["user"]!["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
            Assert.That(body["tokenType"]!.GetValue<string>(), Is.EqualTo("Bearer"));
            Assert.That(body["expiresIn"]!.GetValue<int>(), Is.EqualTo(900));
            Assert.That(body["accessToken"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(body["refreshToken"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        }
    }

    [Test]
    public async Task Login_IssuesAccessTokenWithTheContractedHeaderAndClaims()
    {
        var session = await Api.SignUpAndLoginAsync();

        var token = new JsonWebToken(session.AccessToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Alg, Is.EqualTo("ES256"));
            Assert.That(token.Kid, Has.Length.EqualTo(43), "the kid is the key's base64url SHA-256 thumbprint");
            Assert.That(token.Typ, Is.EqualTo("at+jwt"));
            Assert.That(token.Subject, Is.EqualTo(session.UserId.ToString()));
            Assert.That(token.GetClaim("email").Value, Is.EqualTo("alice@example.com"));
            Assert.That(token.Issuer, Is.EqualTo(TestSettings.Issuer));
            Assert.That(token.Audiences, Is.EqualTo(new[] { TestSettings.Audience }));
            Assert.That(token.Id, Is.Not.Empty);
            Assert.That(Guid.TryParse(token.GetClaim("sid").Value, out _), Is.True);
            Assert.That(token.IssuedAt, Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(token.ValidTo - token.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(15)));
        }
    }

    [Test]
    public async Task Login_RefreshTokenIsOpaqueAndCarries256Bits()
    {
        var session = await Api.SignUpAndLoginAsync();

        var bytes = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(session.RefreshToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(session.RefreshToken, Does.Not.Contain("."), "not a JWT");
        }
    }

    [Test]
    public async Task Login_WithEmailInAnotherCaseAndSpaces_Succeeds()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");

        using var response = await Api.LoginAsync("  ALICE@Example.com ");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_WrongPasswordAndUnknownEmail_AnswerWithTheSame401()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");

        using var wrongPassword = await Api.LoginAsync("alice@example.com", "not the right password");
        using var unknownEmail = await Api.LoginAsync("nobody@example.com", "not the right password");

        var a = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var b = await unknownEmail.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        a.Remove("traceId");
        b.Remove("traceId");
        Assert.That(a.ToJsonString(), Is.EqualTo(b.ToJsonString()));
        Assert.That(
            wrongPassword.Headers.Select(h => h.Key).Order(),
            Is.EqualTo(unknownEmail.Headers.Select(h => h.Key).Order()));
    }

    [Test]
    public async Task Login_Failure_StoresNoRefreshToken()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");

        using var response = await Api.LoginAsync("alice@example.com", "not the right password");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.Zero);
    }

    [Test]
    public async Task Login_StoresOnlyTheHashOfTheRefreshToken()
    {
        var session = await Api.SignUpAndLoginAsync(password: AuthFlowClient.DefaultPassword);

        var everything = await Database.ScalarAsync<string>(
            "select (select string_agg(row_to_json(t)::text, '') from refresh_tokens t) || (select string_agg(row_to_json(u)::text, '') from users u)");
        var storedHash = await Database.ScalarAsync<string>("select token_hash from refresh_tokens");
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(session.RefreshToken)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(everything, Does.Not.Contain(session.RefreshToken));
            Assert.That(everything, Does.Not.Contain(AuthFlowClient.DefaultPassword));
            Assert.That(storedHash, Is.EqualTo(expectedHash));
        }
    }

    [TestCase("""{"email":"alice@example.com"}""", "password")]
    [TestCase("""{"password":"whatever it is"}""", "email")]
    [TestCase("""{"email":"not an email","password":"x"}""", "email")]
    public async Task Login_WithMissingOrInvalidField_Returns400NamingTheField(string body, string field)
    {
        using var response = await Api.PostRawAsync("/api/auth/login", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
    }
}
