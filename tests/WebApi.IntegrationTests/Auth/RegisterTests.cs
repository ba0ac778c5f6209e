using System.Net;
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
    public async Task Register_StoresOnlyABcryptHashOfThePassword()
    {
        using var response = await Api.RegisterAsync("alice@example.com", "a very secret passphrase");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var hash = await Database.ScalarAsync<string>("select password_hash from users");
        var rowText = await Database.ScalarAsync<string>("select string_agg(row_to_json(u)::text, '') from users u");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hash, Does.Match(@"^\$2[abxy]\$\d\d\$"));
            Assert.That(BCrypt.Net.BCrypt.Verify("a very secret passphrase", hash), Is.True);
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
    public async Task Register_WithPasswordLongerThanBcryptReads_Returns400InsteadOfTruncating()
    {
        using var response = await Api.RegisterAsync("alice@example.com", new string('x', 73));

        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(body["errors"]!["password"]!.ToJsonString(), Does.Contain("72 bytes"));
    }

    [Test]
    public async Task Register_IgnoresFieldsOutsideTheContract()
    {
        var injectedId = Guid.NewGuid();
        using var response = await Api.PostRawAsync(
            "/api/auth/register",
            $$"""{"username":"mallory","email":"mallory@example.com","password":"{{AuthFlowClient.DefaultPassword}}","id":"{{injectedId}}","role":"admin","passwordHash":"x"}""");

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That(body["user"]!["id"]!.GetValue<Guid>(), Is.Not.EqualTo(injectedId));
        Assert.That(await Database.ScalarAsync<string>("select password_hash from users"), Does.StartWith("$2"));
    }
}
