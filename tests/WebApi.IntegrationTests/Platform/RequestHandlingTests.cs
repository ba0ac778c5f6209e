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
}
