using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>Registration applies the password policy and says why a password is refused.</summary>
public sealed class PasswordPolicyTests : ApiTestBase
{
    [TestCase("Sunshine2024!!", "common password with digits or symbols added")]
    [TestCase("1qaz2wsx3edc", "most commonly used passwords")]
    [TestCase("Q W E R T Y 1 2 3 4 5 6", "most commonly used passwords")]
    [TestCase("abcabcabcabcabc", "repeated")]
    [TestCase("alice-the-great-2026", "must not contain your username")]
    [TestCase("my name is wonderland!", "must not contain your username")]
    [TestCase("eleven char", "at least 12 characters")]
    public async Task Register_WithAPasswordThePolicyRefuses_Returns400WithTheReason(string password, string reason)
    {
        using var response = await Api.RegisterAsync("wonderland@example.com", password, username: "alice");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!["password"]!.ToJsonString(), Does.Contain(reason));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
    }

    [TestCase("correct horse battery staple")]
    [TestCase("  spaces   are  fine  too  ")]
    [TestCase("пароль из словаря не нужен")]
    [TestCase("\U0001F600\U0001F601\U0001F602\U0001F603\U0001F604\U0001F605\U0001F606\U0001F607\U0001F608\U0001F609\U0001F60A\U0001F60B")]
    public async Task Register_WithALongPassphraseOfAnyCharacters_Succeeds(string password)
    {
        using var response = await Api.RegisterAsync("alice@example.com", password);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Register_WithAPasswordOver256Characters_Returns400()
    {
        using var response = await Api.RegisterAsync("alice@example.com", string.Concat(Enumerable.Range(0, 257).Select(i => (char)('a' + (i * 7 % 26)))));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!["password"]!.ToJsonString(), Does.Contain("at most 256 characters"));
    }

    // What System.Text.Json does with each: a lone surrogate escape reaches the validator as the lone char, and
    // the validator names it; raw invalid UTF-8 fails JSON parsing. Either way a 400, never a 500.
    [TestCase("/api/auth/register", """{"username":"alice","email":"alice@example.com","password":"correct horse \ud800 battery"}""")]
    [TestCase("/api/auth/register", """{"username":"alice","email":"alice@example.com","password":"correct horse \udc00 battery"}""")]
    [TestCase("/api/auth/register", """{"username":"alice","email":"alice@example.com","password":"correct horse \u0000 battery"}""")]
    [TestCase("/api/auth/login", """{"email":"alice@example.com","password":"correct horse \ud800 battery"}""")]
    [TestCase("/api/auth/login", """{"email":"alice@example.com","password":"correct horse \u0000 battery"}""")]
    public async Task Post_WithAMalformedPasswordEscape_Returns400NamingThePassword(string path, string body)
    {
        using var response = await Api.PostRawAsync(path, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("password").Or.Contain("body"));
    }

    [TestCase("/api/auth/register")]
    [TestCase("/api/auth/login")]
    public async Task Post_WithInvalidUtf8InTheBody_Returns400(string path)
    {
        var prefix = "{\"username\":\"alice\",\"email\":\"alice@example.com\",\"password\":\"correct horse "u8.ToArray();
        byte[] body = [.. prefix, 0xED, 0xA0, 0x80, .. " battery\"}"u8.ToArray()];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await Api.Http.PostAsync(path, content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
