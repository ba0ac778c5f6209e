using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence.Retention;

/// <summary>Runs <see cref="DataRetention"/> every <see cref="RetentionOptions.IntervalMinutes"/>; a failed purge waits for the next tick.</summary>
internal sealed partial class RetentionService(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var retention = scope.ServiceProvider.GetRequiredService<DataRetention>();
                var result = await retention.PurgeAsync(timeProvider.GetUtcNow(), stoppingToken);
                LogPurged(logger, result.Sessions, result.UserTokens, result.OutboxEmails, result.LoginFailureCounts);
                LogAuditPurged(logger, await retention.PurgeAuditEventsAsync(timeProvider.GetUtcNow(), stoppingToken));
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Sessions} sessions, {UserTokens} one-time tokens, {OutboxEmails} emails, {LoginFailureCounts} login-failure counts deleted")]
    private static partial void LogPurged(ILogger logger, int sessions, int userTokens, int outboxEmails, int loginFailureCounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {AuditEvents} audit events past Audit:RetentionDays deleted")]
    private static partial void LogAuditPurged(ILogger logger, int auditEvents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
