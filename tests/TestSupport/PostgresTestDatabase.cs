using AuthFlow.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace AuthFlow.TestSupport;

/// <summary>
/// A real PostgreSQL database for one test assembly: created fresh on the test server (<c>AUTHFLOW_TEST_POSTGRES</c>,
/// or a throwaway one started for this run: see <see cref="ThrowawayPostgres"/>), migrated with the service's own migrations, emptied by Respawn between
/// tests, and dropped at the end.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "AUTHFLOW_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _name;
    private Respawner? _respawner;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static Task<PostgresTestDatabase> CreateAsync(string name)
    {
        var server = ThrowawayPostgres.ServerConnectionString;
        return CreateAsync(name, server);
    }

    /// <summary>A database on another server, such as a fault test's <see cref="DedicatedPostgresCluster"/>.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string name, string server)
    {
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        var instance = new PostgresTestDatabase(server, name, database);
        await instance.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await instance.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");

        await using (var services = instance.CreateInfrastructureServices())
        {
            await services.MigrateDatabaseAsync();
        }

        await using var connection = await instance.OpenAsync();
        instance._respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Signing keys outlive the data of a test, as they outlive users in production; the key tests manage them.
            // Roles are reference data: the admin role is seeded by the migration.
            TablesToIgnore = ["__ef_migrations_history", "signing_keys", "roles"],
        });
        return instance;
    }

    /// <summary>A container with the real Infrastructure registrations, pointed at this database.</summary>
    public ServiceProvider CreateInfrastructureServices(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestSettings.For(ConnectionString))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        services.AddInfrastructure(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        // audit_events is append-only; its trigger lets this connection empty it between tests (and nothing else does).
        await using (var allow = new NpgsqlCommand("SELECT set_config('authflow.audit_purge_before', 'infinity', false)", connection))
        {
            await allow.ExecuteNonQueryAsync();
        }

        await _respawner!.ResetAsync(connection);
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a scalar query against this database.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(sql, connection, parameters);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Runs a statement against this database; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
