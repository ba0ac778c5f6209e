using System.Net;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

public sealed class RegisterTests : ApiTestBase
{
    [Test]
    public async Task Register_WithValidInput_Returns201WithUserAndUuidV7Id()
    {
        using var response = await Api.RegisterAsync(" Alice@Example.com ", username: "alice");

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var user = body["user"]!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(user["id"]!.GetValue<Guid>().Version, Is.EqualTo(7));
            Assert.That(user["username"]!.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(user["email"]!.GetValue<string>(), Is.EqualTo("Alice@Example.com"));
            Assert.That(user["createdAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(user.ContainsKey("password") || user.ContainsKey("passwordHash"), Is.False);
        }
    }

    [Test]
    public async Task Register_StoresOnlyAPepperedBcryptHashOfThePassword()
    {
        using var response = await Api.RegisterAsync("alice@example.com", "a very secret passphrase");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var hash = await Database.ScalarAsync<string>("select password_hash from users");
        var rowText = await Database.ScalarAsync<string>("select string_agg(row_to_json(u)::text, '') from users u");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hash, Does.Match(@"^\$hmac-sha384\+bcrypt\$\$2[abxy]\$\d\d\$"));
            Assert.That(BCrypt.Net.BCrypt.Verify(PreHash("a very secret passphrase"), hash!["$hmac-sha384+bcrypt$".Length..]), Is.True);
            Assert.That(BCrypt.Net.BCrypt.Verify("a very secret passphrase", hash["$hmac-sha384+bcrypt$".Length..]), Is.False, "bcrypt never sees the password itself");
            Assert.That(rowText, Does.Not.Contain("a very secret passphrase"));
        }
    }

    [Test]
    public async Task Register_WithEmailTakenInAnotherCase_Returns409EmailTaken()
    {
        using var first = await Api.RegisterAsync("alice@example.com");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var second = await Api.RegisterAsync("  ALICE@example.COM");

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
    }

    [Test]
    public async Task Register_RaceOfManyRequestsWithOneEmail_CreatesExactlyOneAccount()
    {
        const int attempts = 12;
        var responses = await Task.WhenAll(Enumerable.Range(0, attempts)
            .Select(i => Api.RegisterAsync(i % 2 == 0 ? "race@example.com" : "RACE@example.com", username: $"racer{i}")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), string.Join(",", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(attempts - 1), string.Join(",", statuses));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
        }

        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Register_WithInvalidFields_Returns400WithErrorsPerFieldAndStoresNothing()
    {
        using var response = await Api.PostRawAsync("/api/auth/register", """{"username":"","email":"not-an-email","password":"short"}""");

        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = body["errors"]!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "username", "email", "password" }));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
        }
    }

    [TestCase("ab", "username")]
    [TestCase("line\nbreak", "username")]
    public async Task Register_WithBadUsername_Returns400ForUsername(string username, string field)
    {
        using var response = await Api.RegisterAsync("alice@example.com", username: username);

        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Register_WithPasswordsEqualInTheFirst72BytesOnly_EachLogsInWithItsOwnOnly()
    {
        var shared = new string('x', 36) + new string('\u00e9', 18);
        using var alice = await Api.RegisterAsync("alice@example.com", shared + " first tail", username: "alice");
        using var bob = await Api.RegisterAsync("bob@example.com", shared + " second tail", username: "bobby");
        Assert.That(new[] { alice.StatusCode, bob.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));

        using var own = await Api.LoginAsync("alice@example.com", shared + " first tail");
        using var others = await Api.LoginAsync("alice@example.com", shared + " second tail");
        using var prefix = await Api.LoginAsync("alice@example.com", shared);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(prefix.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task Register_WithA256CharacterPassword_StoresItWhole()
    {
        var password = string.Concat(Enumerable.Range(0, 256).Select(i => (char)('a' + (i * 7 % 26))));
        using var registered = await Api.RegisterAsync("alice@example.com", password);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());

        using var login = await Api.LoginAsync("alice@example.com", password);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Register_IgnoresFieldsOutsideTheContract()
    {
        var injectedId = Guid.NewGuid();
        using var response = await Api.PostRawAsync(
            "/api/auth/register",
            $$"""{"username":"mallory","email":"mallory@example.com","password":"{{AuthFlowClient.DefaultPassword}}","id":"{{injectedId}}","role":"admin","emailVerified":true,"passwordHash":"x"}""");

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That(body["user"]!["id"]!.GetValue<Guid>(), Is.Not.EqualTo(injectedId));
        var row = await Database.ScalarAsync<string>("select row_to_json(u)::text from users u");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row, Does.Not.Contain(injectedId.ToString()).And.Not.Contain("admin"));
            Assert.That(await Database.ScalarAsync<string>("select password_hash from users"), Does.StartWith("$hmac-sha384+bcrypt$$2"));
        }
    }

    private static string PreHash(string password) => Convert.ToBase64String(
        System.Security.Cryptography.HMACSHA384.HashData(Convert.FromBase64String(TestSettings.Pepper), System.Text.Encoding.UTF8.GetBytes(password)));
}
