using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Keys;

/// <summary><c>dotnet AuthFlow.WebApi.dll keys rotate|list</c>, run as a real process against a database of its own.</summary>
[NonParallelizable]
public sealed class KeysCommandLineTests
{
    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync("authflow_it_keys_cli");

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [SetUp]
    public Task EmptyKeysAsync() => _database.ScalarAsync<object>("delete from signing_keys");

    [Test]
    public async Task KeysRotate_OnAnEmptyDatabase_MakesAKeyThatSignsAtOnceAndExits0()
    {
        var result = await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);

        var kid = await _database.ScalarAsync<string>("select id from signing_keys");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(kid, Is.Not.Null);
            Assert.That(result.Output, Does.Contain($"Published signing key {kid} (ES256)"));
            Assert.That(result.Output, Does.Not.Contain("Now listening"), "the web server does not start");
        }
    }

    [Test]
    public async Task KeysRotate_WithASigningKey_PublishesTheNextOneForAfterTheLeadTime()
    {
        await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);

        var result = await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var leadSeconds = await _database.ScalarAsync<double>(
            "select extract(epoch from signs_from - created_at)::float8 from signing_keys order by created_at desc limit 1");
        var superseded = await _database.ScalarAsync<long>(
            "select count(*) from signing_keys where superseded_at is not null and retires_at = superseded_at + interval '15 minutes 30 seconds'");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(leadSeconds, Is.EqualTo(3600), "signs after Jwt:Keys:PublishLeadMinutes");
            Assert.That(superseded, Is.EqualTo(1), "the previous key stops signing then and retires after a token lifetime plus skew");
        }
    }

    [Test]
    public async Task KeysList_ShowsEveryKeyWithItsDates()
    {
        await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);
        await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);

        var result = await WebApiProcess.RunAsync(["keys", "list"], _database.ConnectionString);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var lines = result.Output.Split('\n').Where(l => l.Contains("\tES256\t", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(2), result.Output);
    }

    [Test]
    public async Task KeysRotate_WithHs256_Exits1ExplainingWhy()
    {
        var result = await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString, new Dictionary<string, string> { ["Jwt__Algorithm"] = "HS256" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("HS256").And.Contain("Jwt:SigningKey"));
            Assert.That(await _database.ScalarAsync<long>("select count(*) from signing_keys"), Is.Zero);
        }
    }

    [Test]
    public async Task KeysRotate_WithoutAKeyEncryptionKey_Exits1NamingTheSetting()
    {
        var result = await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString, new Dictionary<string, string> { ["Jwt__KeyEncryptionKey"] = "" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("AuthFlow cannot start").And.Contain("Jwt:KeyEncryptionKey"));
        }
    }

    [Test]
    public async Task Startup_WithAnotherKeyEncryptionKeyThanTheKeysWereStoredWith_ExitsNamingIt()
    {
        await WebApiProcess.RunAsync(["keys", "rotate"], _database.ConnectionString);
        var otherKek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var result = await WebApiProcess.RunAsync(["--urls", "http://127.0.0.1:0"], _database.ConnectionString,
            new Dictionary<string, string> { ["Jwt__KeyEncryptionKey"] = otherKek });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("AuthFlow cannot start").And.Contain("Jwt:KeyEncryptionKey"));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
        }
    }

    [Test]
    public async Task Keys_WithAnUnknownSubcommand_Exits2WithUsage()
    {
        var result = await WebApiProcess.RunAsync(["keys", "delete-all"], _database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Output, Does.Contain("Usage"));
    }
}
