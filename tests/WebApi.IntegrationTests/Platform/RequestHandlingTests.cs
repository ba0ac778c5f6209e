using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>Bad requests get a 4xx problem response, never a 500 or a stack trace.</summary>
public sealed class RequestHandlingTests : ApiTestBase
{
    [TestCase("/api/auth/login", """{"email":"alice@example.com",""")]
    [TestCase("/api/auth/login", "not json at all")]
    [TestCase("/api/auth/register", """{"username":"a","email":"b","password":"c"}}""")]
    [TestCase("/api/auth/refresh", "[1,2,3]")]
    public async Task MalformedJson_Returns400(string path, string body)
    {
        using var response = await Api.PostRawAsync(path, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [TestCase("/api/auth/login")]
    [TestCase("/api/auth/register")]
    [TestCase("/api/auth/refresh")]
    public async Task MissingBody_Returns400(string path)
    {
        using var response = await Api.PostRawAsync(path, "");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task WrongTypes_Return400NamingTheField()
    {
        using var response = await Api.PostRawAsync("/api/auth/login", """{"email":42,"password":"x"}""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("email"));
    }

    [Test]
    public async Task DuplicateJsonKeys_Return400()
    {
        using var response = await Api.PostRawAsync(
            "/api/auth/register", """{"username":"alice","email":"a@example.com","email":"b@example.com","password":"correct horse battery"}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
    }

    [TestCase("text/plain")]
    [TestCase(null)]
    public async Task WrongOrMissingContentType_Returns415(string? contentType)
    {
        using var response = await Api.PostRawAsync("/api/auth/login", """{"email":"alice@example.com","password":"x"}""", contentType);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await Api.GetAsync("/api/nothing-here", accessToken: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await Api.GetAsync("/api/auth/login", accessToken: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [TestCase("/api/auth/login")]
    [TestCase("/api/auth/register")]
    [TestCase("/api/auth/refresh")]
    public async Task Post_WithABodyOver16KiB_Returns413AndDoesNoWork(string path)
    {
        using var registered = await Api.RegisterAsync("alice@example.com");
        var padding = new string(' ', 16 * 1024);
        var body = $$"""{"email":"alice@example.com","password":"{{AuthFlowClient.DefaultPassword}}","username":"bob","refreshToken":"x"}{{padding}}""";

        using var response = await Api.PostRawAsync(path, body);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users where last_login_at is not null"), Is.Zero, "login never ran");
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.Zero);
        }
    }

    [Test]
    public async Task Post_WithABodyJustUnder16KiB_IsRead()
    {
        var body = $$"""{"email":"alice@example.com","password":"{{AuthFlowClient.DefaultPassword}}"}""";
        body += new string(' ', (16 * 1024) - body.Length);

        using var response = await Api.PostRawAsync("/api/auth/login", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Test]
    public async Task Post_WithDeeplyNestedJson_Returns400()
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", 64)) + "1" + new string('}', 64);

        using var response = await Api.PostRawAsync("/api/auth/login", $$"""{"email":"alice@example.com","password":"x","extra":{{nested}}}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [TestCase("""{"email":["alice@example.com"],"password":"correct horse battery staple"}""")]
    [TestCase("""{"email":"alice@example.com","password":{"value":"correct horse battery staple"}}""")]
    [TestCase("""{"email":"alice@example.com","password":true}""")]
    public async Task Login_WithWrongTypes_Returns400(string body)
    {
        using var response = await Api.PostRawAsync("/api/auth/login", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
