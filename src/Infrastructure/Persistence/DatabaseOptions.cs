using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "AuthFlow";
    public const int MaxTimeoutSeconds = 120;

    /// <summary>Read from <c>ConnectionStrings:AuthFlow</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending EF Core migrations when the service starts (on in Development).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// How long opening a connection may take (Npgsql <c>Timeout</c>). The slowest open measured on a loaded
    /// machine is under 50 ms; 5 s leaves room for a busy server and still answers a dead one quickly.
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How long one statement may run (Npgsql <c>Command Timeout</c>). The slowest statement of any request measured
    /// under load is a few tens of milliseconds (docs/benchmarks.md), so 5 s only ever fires on a hung database.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How many distinct statements each connection keeps prepared on the server (Npgsql <c>Max Auto Prepare</c>):
    /// a hot statement is then parsed and planned once per connection instead of on every execution. Measured in one
    /// run (docs/benchmarks.md): refresh 417 -> 1,259 rotations/s, profile 0.58 -> 0.79 of the calibration app. 0 turns
    /// it off (for a pooler in transaction mode that cannot keep prepared statements).
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 20;

    /// <summary>
    /// Whether a pooled connection is reset on the server before its next use (Npgsql's default: <c>DISCARD ALL</c>, or
    /// seven statements once prepared statements are kept, sent ahead of the next query). AuthFlow leaves no session
    /// state on a pooled connection (its <c>set_config</c> and advisory locks last one transaction, its <c>LISTEN</c>
    /// has a connection of its own, and the pools are cleared after the migrations), so it is off: the reset was a
    /// second statement the server ran for every request (docs/benchmarks.md). Turn it on when code of your own changes
    /// session state on these connections.
    /// </summary>
    public bool ResetPooledConnections { get; set; }

    /// <summary>
    /// How many connections this instance opens to the database at most (Npgsql <c>Maximum Pool Size</c>, whose own
    /// default is 100); a request that finds them all busy waits for one, within <see cref="ConnectTimeoutSeconds"/>.
    /// A database runs as many statements at once as it has cores, and every backend beyond that competes for them:
    /// measured on two cores (docs/benchmarks.md), 12 connections served 1.08-1.19x the rotations and 1.11x the profile
    /// reads of 50 at 32-64 concurrent requests, with less database CPU per request, and more rotations than 6, 8, 16
    /// or 24. Raise it for a database with more cores; the instances together should stay well under the server's
    /// <c>max_connections</c>. (HikariCP's "About Pool Sizing" makes the same case, with a default of 10.)
    /// See ADR 0015.
    /// </summary>
    public int MaxPoolSize { get; set; } = 12;

    /// <summary>How long <c>/health/ready</c> waits for each of its checks before it reports the instance not ready.</summary>
    public int ReadinessTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// The connection string with this service's bounds applied: the connect and command timeouts, the pool's size, and
    /// no wait for the server's answer to a cancellation (a hung server never answers, and the wait blocked a thread
    /// each time). These settings win over the same keywords in the connection string.
    /// </summary>
    public string BoundedConnectionString(Action<NpgsqlConnectionStringBuilder>? adjust = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Timeout = ConnectTimeoutSeconds,
            CommandTimeout = CommandTimeoutSeconds,
            CancellationTimeout = -1,
            MaxAutoPrepare = MaxAutoPrepare,
            NoResetOnClose = !ResetPooledConnections,
        };
        // A Minimum Pool Size above the maximum would fail every open.
        builder.MaxPoolSize = Math.Max(MaxPoolSize, builder.MinPoolSize);
        adjust?.Invoke(builder);
        return builder.ConnectionString;
    }
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set: point it at a PostgreSQL database.");
        }

        if (options.ConnectTimeoutSeconds is < 1 or > DatabaseOptions.MaxTimeoutSeconds)
        {
            failures.Add($"Database:ConnectTimeoutSeconds must be between 1 and {DatabaseOptions.MaxTimeoutSeconds}.");
        }

        if (options.CommandTimeoutSeconds is < 1 or > DatabaseOptions.MaxTimeoutSeconds)
        {
            failures.Add($"Database:CommandTimeoutSeconds must be between 1 and {DatabaseOptions.MaxTimeoutSeconds}.");
        }

        if (options.MaxAutoPrepare is < 0 or > 256)
        {
            failures.Add("Database:MaxAutoPrepare must be between 0 and 256.");
        }

        if (options.MaxPoolSize is < 1 or > 1000)
        {
            failures.Add("Database:MaxPoolSize must be between 1 and 1000.");
        }

        if (options.ReadinessTimeoutSeconds is < 1 or > DatabaseOptions.MaxTimeoutSeconds)
        {
            failures.Add($"Database:ReadinessTimeoutSeconds must be between 1 and {DatabaseOptions.MaxTimeoutSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
