using AuthFlow.Infrastructure.Persistence;
using AuthFlow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence;

/// <summary>The Sessions migration on a database that already holds logins made before sessions had a table.</summary>
public sealed class SessionsMigrationTests
{
    private const string DatabaseName = "authflow_it_sessions_migration";
    private const string BeforeSessions = "20261129012511_InitialCreate";

    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private string _server = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task CreateDatabaseAtTheMigrationBeforeAsync()
    {
        _server = ThrowawayPostgres.ServerConnectionString;
        _connectionString = new NpgsqlConnectionStringBuilder(_server) { Database = DatabaseName }.ConnectionString;
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        await OnServerAsync($"CREATE DATABASE \"{DatabaseName}\"");
        await using var db = CreateContext();
        await db.Db.GetService<IMigrator>().MigrateAsync(BeforeSessions);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
    }

    [Test]
    public async Task Migrate_WithExistingRefreshTokens_GivesEachSessionARowAndKeepsLiveSessionsLive()
    {
        var userId = Guid.CreateVersion7();
        var live = Guid.CreateVersion7();
        var loggedOut = Guid.CreateVersion7();
        var stolen = Guid.CreateVersion7();
        await ExecuteAsync(
            "insert into users (id, username, email, normalized_email, password_hash, created_at) values (@id, 'alice', 'a@example.com', 'a@example.com', 'x', @now)",
            ("id", userId), ("now", Now));
        await InsertTokenAsync(userId, live, Now.AddDays(-40), revokedAt: Now.AddDays(-1), reason: "Rotated");
        await InsertTokenAsync(userId, live, Now.AddDays(-1), revokedAt: null, reason: null);
        await InsertTokenAsync(userId, loggedOut, Now.AddDays(-2), revokedAt: Now.AddDays(-1), reason: "Logout");
        await InsertTokenAsync(userId, stolen, Now.AddDays(-3), revokedAt: Now.AddDays(-2), reason: "Rotated");
        await InsertTokenAsync(userId, stolen, Now.AddDays(-2), revokedAt: Now.AddDays(-2), reason: "ReuseDetected");

        await using (var db = CreateContext())
        {
            await db.Db.Database.MigrateAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ScalarAsync<long>("select count(*) from sessions"), Is.EqualTo(3));
            Assert.That(await ScalarAsync<object>("select revoked_at from sessions where id = @id", ("id", live)), Is.InstanceOf<DBNull>());
            Assert.That(await ScalarAsync<DateTime>("select created_at from sessions where id = @id", ("id", live)), Is.EqualTo(Now.AddDays(-40).UtcDateTime));
            Assert.That(await ScalarAsync<DateTime>("select last_used_at from sessions where id = @id", ("id", live)), Is.EqualTo(Now.AddDays(-1).UtcDateTime));
            Assert.That(
                await ScalarAsync<DateTime>("select expires_at from sessions where id = @id", ("id", live)),
                Is.EqualTo(Now.AddDays(-1 + 7).UtcDateTime),
                "a session older than the default lifetime still lasts as long as its newest token");
            Assert.That(await ScalarAsync<string>("select revocation_reason from sessions where id = @id", ("id", loggedOut)), Is.EqualTo("Logout"));
            Assert.That(await ScalarAsync<string>("select revocation_reason from sessions where id = @id", ("id", stolen)), Is.EqualTo("ReuseDetected"));
        }
    }

    /// <summary>The service's own DbContext configuration, pointed at this database.</summary>
    private ContextLease CreateContext()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestSettings.For(_connectionString)).Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        var scope = services.CreateAsyncScope();
        return new ContextLease(services, scope, scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>());
    }

    private sealed record ContextLease(ServiceProvider Services, AsyncServiceScope Scope, AuthFlowDbContext Db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Scope.DisposeAsync();
            await Services.DisposeAsync();
        }
    }

    private Task InsertTokenAsync(Guid userId, Guid sessionId, DateTimeOffset createdAt, DateTimeOffset? revokedAt, string? reason) =>
        ExecuteAsync(
            "insert into refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at, revoked_at, revocation_reason) " +
            "values (@id, @user, @session, @hash, @created, @expires, @revoked, @reason)",
            ("id", Guid.CreateVersion7()), ("user", userId), ("session", sessionId), ("hash", Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")),
            ("created", createdAt), ("expires", createdAt.AddDays(7)), ("revoked", (object?)revokedAt ?? DBNull.Value), ("reason", (object?)reason ?? DBNull.Value));

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
