using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary><c>dotnet AuthFlow.WebApi.dll migrate</c>, run as a real process, as the compose file's one-shot service runs it.</summary>
[NonParallelizable]
public sealed class MigrateCommandLineTests
{
    private const string DatabaseName = "authflow_it_migrate_cli";

    private string _connectionString = null!;

    [SetUp]
    public async Task CreateEmptyDatabaseAsync()
    {
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        await OnServerAsync($"CREATE DATABASE \"{DatabaseName}\"");
        _connectionString = new NpgsqlConnectionStringBuilder(ThrowawayPostgres.ServerConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
    }

    [Test]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEveryMigrationAndExitsWithoutServing()
    {
        var result = await WebApiProcess.RunAsync(["migrate"], _connectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("migrate: applied"));
            Assert.That(result.Output, Does.Not.Contain("Now listening"), "the web server does not start");
            Assert.That(await ScalarAsync("select count(*) from information_schema.tables where table_name = 'users'"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Migrate_Twice_SaysTheSchemaIsUpToDate()
    {
        await WebApiProcess.RunAsync(["migrate"], _connectionString);

        var result = await WebApiProcess.RunAsync(["migrate"], _connectionString);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("up to date"));
        }
    }

    [Test]
    public async Task Migrate_WhenTheDatabaseIsUnreachable_Exits1WithTheReasonAndNoStackTrace()
    {
        var result = await WebApiProcess.RunAsync(["migrate"], "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("migrate: the database could not be migrated"));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ThrowawayPostgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
