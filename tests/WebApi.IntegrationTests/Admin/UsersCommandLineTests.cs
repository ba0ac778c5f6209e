using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary><c>dotnet AuthFlow.WebApi.dll users grant-role|revoke-role|list</c>, run as a real process against a database of its own.</summary>
[NonParallelizable]
public sealed class UsersCommandLineTests
{
    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync("authflow_it_users_cli");

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [SetUp]
    public async Task SeedAsync()
    {
        await _database.ResetAsync();
        await _database.ExecuteAsync(
            """
            INSERT INTO users (id, username, email, normalized_email, password_hash, created_at)
            VALUES ('0198f0c0-0000-7000-8000-000000000001', 'ops', 'Ops@Example.com', 'ops@example.com', 'x', now())
            """);
    }

    [Test]
    public async Task GrantRole_MakesTheFirstAdmin_AuditedAsSystem_AndIsIdempotent()
    {
        var first = await WebApiProcess.RunAsync(["users", "grant-role", "ops@example.com", "admin"], _database.ConnectionString);
        var again = await WebApiProcess.RunAsync(["users", "grant-role", "OPS@example.com", "admin"], _database.ConnectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            Assert.That(first.Output, Does.Contain("Granted admin to ops@example.com"));
            Assert.That(first.Output, Does.Not.Contain("Now listening"), "the web server does not start");
            Assert.That(again.ExitCode, Is.Zero, again.Output);
            Assert.That(again.Output, Does.Contain("already holds admin"));
            Assert.That(await _database.ScalarAsync<long>("select count(*) from user_roles where role_name = 'admin'"), Is.EqualTo(1));
            Assert.That(await _database.ScalarAsync<string>("select actor from audit_events where type = 'role.granted'"), Is.EqualTo("system"));
        }
    }

    [Test]
    public async Task ListAndRevoke_ShowTheRoles_AndTheLastAdminIsKept()
    {
        await WebApiProcess.RunAsync(["users", "grant-role", "ops@example.com", "admin"], _database.ConnectionString);

        var list = await WebApiProcess.RunAsync(["users", "list", "admin"], _database.ConnectionString);
        var revoke = await WebApiProcess.RunAsync(["users", "revoke-role", "ops@example.com", "admin"], _database.ConnectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(list.ExitCode, Is.Zero, list.Output);
            Assert.That(list.Output, Does.Contain("Ops@Example.com\tops\tactive\tadmin"));
            Assert.That(revoke.ExitCode, Is.EqualTo(1), revoke.Output);
            Assert.That(revoke.Output, Does.Contain("last active administrator"));
        }
    }

    [TestCase(new[] { "users", "grant-role", "nobody@example.com", "admin" }, 1, "no account has the email")]
    [TestCase(new[] { "users", "grant-role", "ops@example.com", "Bad Role" }, 1, "lowercase word")]
    [TestCase(new[] { "users", "promote" }, 2, "Usage:")]
    public async Task BadInvocations_ExitNonZeroWithAMessage(string[] args, int exitCode, string message)
    {
        var result = await WebApiProcess.RunAsync(args, _database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Output);
        Assert.That(result.Output, Does.Contain(message));
    }
}
