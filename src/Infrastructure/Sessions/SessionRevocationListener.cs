using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Sessions;

/// <summary>
/// Keeps <see cref="RevokedSessionCache"/> in step with every instance. It holds one dedicated connection that
/// <c>LISTEN</c>s on <see cref="Channel"/>, where the <c>sessions</c> trigger announces each ended session as it
/// commits. After every (re)connect it reloads the sessions revoked within the cache's retention, so nothing that
/// happened while it was disconnected is lost. Connection failures are retried with a capped exponential back-off.
/// </summary>
public sealed partial class SessionRevocationListener(
    IOptions<DatabaseOptions> databaseOptions,
    RevokedSessionCache cache,
    TimeProvider timeProvider,
    ILogger<SessionRevocationListener> logger) : BackgroundService
{
    /// <summary>The notification channel; the payload is the session id.</summary>
    public const string Channel = "authflow_session_revoked";

    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>True while the connection is up and listening.</summary>
    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backOff = FirstBackOff;
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
                // A connection that had been up starts the back-off again; repeated failures double it, up to a cap.
                backOff = _listening ? FirstBackOff : backOff;
                _listening = false;
                LogDisconnected(logger, backOff.TotalSeconds, ex);
                await Task.Delay(backOff, timeProvider, stoppingToken).ConfigureAwait(false);
                backOff = backOff * 2 > MaxBackOff ? MaxBackOff : backOff * 2;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(databaseOptions.Value.ConnectionString)
        {
            // A listening connection must never go back to a pool, and must notice a dead server.
            Pooling = false,
            KeepAlive = 15,
        }.ConnectionString;

        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var sessionId))
            {
                cache.Add(sessionId, timeProvider.GetUtcNow());
            }
        };
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);

        // Listen first, then reload: a revocation committed in between is seen at least once.
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        var reloaded = await ReloadRecentAsync(connection, stoppingToken).ConfigureAwait(false);
        _listening = true;
        LogListening(logger, reloaded);

        // Prune on a schedule, not on quiet: a steady stream of notifications must not let the set grow.
        var nextPrune = timeProvider.GetUtcNow() + PruneInterval;
        while (true)
        {
            await connection.WaitAsync(PruneInterval, stoppingToken).ConfigureAwait(false);
            if (timeProvider.GetUtcNow() >= nextPrune)
            {
                cache.Prune();
                nextPrune = timeProvider.GetUtcNow() + PruneInterval;
            }
        }
    }

    private async Task<int> ReloadRecentAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, revoked_at FROM sessions WHERE revoked_at > @since", connection);
        command.Parameters.AddWithValue("since", timeProvider.GetUtcNow() - cache.Retention);
        await using var reader = await command.ExecuteReaderAsync(stoppingToken).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(stoppingToken).ConfigureAwait(false))
        {
            cache.Add(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            count++;
        }

        cache.Prune();
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for session revocations ({Reloaded} recent revocations reloaded)")]
    private static partial void LogListening(ILogger logger, int reloaded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session revocation listener disconnected; reconnecting in {DelaySeconds:0.##} s")]
    private static partial void LogDisconnected(ILogger logger, double delaySeconds, Exception exception);
}
