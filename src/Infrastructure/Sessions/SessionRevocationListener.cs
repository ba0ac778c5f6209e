using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Persistence.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Sessions;

/// <summary>
/// Keeps <see cref="RevokedSessionCache"/> in step with every instance. It holds one dedicated connection that
/// <c>LISTEN</c>s on <see cref="Channel"/>, where the <c>sessions</c> trigger announces each ended session as it
/// commits. After every (re)connect it reloads the sessions revoked, and the live sessions deleted, within the
/// cache's retention, so nothing that happened while it was disconnected is lost. Until then (and from the start),
/// the cache checks each request's session against the database instead. Connection failures are retried every
/// <see cref="MaxBackOff"/> at most, so the instance is back in step within a second of the database's return.
/// </summary>
public sealed partial class SessionRevocationListener : BackgroundService
{
    /// <summary>The notification channel; the payload is the session id.</summary>
    public const string Channel = "authflow_session_revoked";

    public static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);

    private readonly IOptions<DatabaseOptions> _databaseOptions;
    private readonly RevokedSessionCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SessionRevocationListener> _logger;
    private readonly Lazy<NpgsqlDataSource> _fallback;
    private volatile bool _listening;

    public SessionRevocationListener(
        IOptions<DatabaseOptions> databaseOptions,
        RevokedSessionCache cache,
        TimeProvider timeProvider,
        ILogger<SessionRevocationListener> logger)
    {
        _databaseOptions = databaseOptions;
        _cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;
        _fallback = new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(databaseOptions.Value.BoundedConnectionString()));
        // Not in step until the first LISTEN and reload: ask the database.
        cache.UseDatabaseCheck(IsRevokedInDatabaseAsync);
    }

    /// <summary>True while the connection is up and listening, and what was missed before has been reloaded.</summary>
    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backOff = FirstBackOff;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                // From now on each request's session is checked against the database, until the reload after reconnecting.
                _cache.UseDatabaseCheck(IsRevokedInDatabaseAsync);
                if (_listening)
                {
                    _listening = false;
                    backOff = FirstBackOff;
                    failures = 0;
                    LogDisconnected(_logger, DatabaseFailures.TransientKind(ex) ?? ex.GetType().Name);
                }
                else if (++failures == 1)
                {
                    LogNotConnected(_logger, DatabaseFailures.TransientKind(ex) ?? ex.GetType().Name);
                }

                await Task.Delay(backOff, _timeProvider, stoppingToken).ConfigureAwait(false);
                backOff = backOff * 2 > MaxBackOff ? MaxBackOff : backOff * 2;
            }
        }
    }

    public override void Dispose()
    {
        if (_fallback.IsValueCreated)
        {
            _fallback.Value.Dispose();
        }

        base.Dispose();
    }

    /// <summary>A session is refused when it is revoked or no longer exists (deleted, or its user deleted).</summary>
    private async Task<bool> IsRevokedInDatabaseAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = _fallback.Value.CreateCommand("SELECT revoked_at IS NULL FROM sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = _databaseOptions.Value.BoundedConnectionString(builder =>
        {
            // A listening connection must never go back to a pool, and must notice a dead server.
            builder.Pooling = false;
            builder.KeepAlive = 15;
        });

        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var sessionId))
            {
                _cache.Add(sessionId, _timeProvider.GetUtcNow());
            }
        };
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);

        // Listen first, then reload: a revocation committed in between is seen at least once.
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        var reloaded = await ReloadRecentAsync(connection, stoppingToken).ConfigureAwait(false);
        _cache.UseDatabaseCheck(null);
        _listening = true;
        LogListening(_logger, reloaded);

        // Prune on a schedule, not on quiet: a steady stream of notifications must not let the set grow.
        var nextPrune = _timeProvider.GetUtcNow() + PruneInterval;
        while (true)
        {
            await connection.WaitAsync(PruneInterval, stoppingToken).ConfigureAwait(false);
            if (_timeProvider.GetUtcNow() >= nextPrune)
            {
                _cache.Prune();
                nextPrune = _timeProvider.GetUtcNow() + PruneInterval;
            }
        }
    }

    /// <summary>Sessions revoked, and live sessions deleted, within the cache's retention.</summary>
    private async Task<int> ReloadRecentAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT id, revoked_at FROM sessions WHERE revoked_at > @since
            UNION ALL
            SELECT session_id, deleted_at FROM {FaultToleranceMigrationSql.SessionDeletionsTable} WHERE deleted_at > @since
            """,
            connection);
        command.Parameters.AddWithValue("since", _timeProvider.GetUtcNow() - _cache.Retention);
        await using var reader = await command.ExecuteReaderAsync(stoppingToken).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(stoppingToken).ConfigureAwait(false))
        {
            _cache.Add(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            count++;
        }

        _cache.Prune();
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for session revocations ({Reloaded} recent revocations reloaded)")]
    private static partial void LogListening(ILogger logger, int reloaded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session revocation listener disconnected ({Kind}); each request's session is checked against the database until it reconnects")]
    private static partial void LogDisconnected(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session revocation listener cannot connect ({Kind}); retrying every 0.5 s, each request's session is checked against the database meanwhile")]
    private static partial void LogNotConnected(ILogger logger, string kind);
}
