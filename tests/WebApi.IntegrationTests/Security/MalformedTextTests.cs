using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Security;

/// <summary>
/// A lone UTF-16 surrogate escape (<c>\ud800</c>) in any client string, which PostgreSQL could not encode: a 400
/// validation problem naming the field, never a 500, and nothing stored. The JSON binder refuses such text first; the
/// validators refuse it too (see the validator tests), so a command from any other source never reaches the database.
/// </summary>
public sealed class MalformedTextTests : ApiTestBase
{
    [TestCase("/api/auth/login", """{"email":"a\ud800@example.com","password":"x"}""", "email")]
    [TestCase("/api/auth/login", """{"email":"a@example.com\udc00","password":"x"}""", "email")]
    [TestCase("/api/auth/register", """{"username":"bob\ud800","email":"bob@example.com","password":"a long enough passphrase"}""", "username")]
    [TestCase("/api/auth/register", """{"username":"bobby","email":"bob\ud800@example.com","password":"a long enough passphrase"}""", "email")]
    [TestCase("/api/auth/forgot-password", """{"email":"a\ud800@example.com"}""", "email")]
    [TestCase("/api/auth/resend-verification", """{"email":"a\ud800@example.com"}""", "email")]
    [TestCase("/api/auth/refresh", """{"refreshToken":"abc\ud800def"}""", "refreshToken")]
    [TestCase("/api/auth/reset-password", """{"token":"abc\ud800def","password":"a long enough passphrase"}""", "token")]
    [TestCase("/api/auth/verify-email", """{"token":"abc\ud800def"}""", "token")]
    public async Task Post_WithALoneSurrogate_Returns400NamingTheFieldAndStoresNothing(string path, string body, string field)
    {
        using var response = await Api.PostRawAsync(path, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
        }
    }
}
