using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Audit;
using AuthFlow.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence.Retention;

/// <summary>How many rows one purge deleted, per table.</summary>
public sealed record RetentionResult(int Sessions, int UserTokens, int OutboxEmails, int LoginFailureCounts);

/// <summary>
/// Deletes rows whose work is over and that are older than <see cref="RetentionOptions.Days"/>. Every statement is
/// idempotent, so instances purging at the same time do no harm.
/// </summary>
public sealed class DataRetention(
    AuthFlowDbContext db, IOptions<RetentionOptions> options, IOptions<AuditOptions> auditOptions, ISessionPolicy sessionPolicy)
{
    /// <summary>Sessions deleted per statement (with their refresh tokens by cascade).</summary>
    public const int SessionBatch = 5_000;

    /// <summary>
    /// Deletes the audit events older than <see cref="AuditOptions.RetentionDays"/>: the one deletion the table's
    /// trigger allows, through a setting that lives only as long as this transaction.
    /// </summary>
    public async Task<int> PurgeAuditEventsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - TimeSpan.FromDays(auditOptions.Value.RetentionDays);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"SELECT set_config({RolesAndAuditMigrationSql.PurgeBeforeSetting}, {cutoff.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}, true)",
            cancellationToken);
        var deleted = await db.AuditEvents.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<RetentionResult> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - TimeSpan.FromDays(options.Value.Days);

        // A session that ended (revoked, past its absolute lifetime, or idle past the timeout) before the cutoff; its
        // refresh tokens go with it (ON DELETE CASCADE). A live session is never touched, so replay detection keeps every
        // token it needs.
        // In batches, each its own statement: a large backlog neither holds its locks in one long transaction nor
        // builds one huge cascade.
        var idleBefore = cutoff - sessionPolicy.IdleTimeout;
        var sessions = 0;
        int deleted;
        do
        {
            deleted = await db.Sessions
                .Where(s => s.RevokedAt < cutoff || s.ExpiresAt < cutoff || s.LastUsedAt < idleBefore)
                .Take(SessionBatch)
                .ExecuteDeleteAsync(cancellationToken);
            sessions += deleted;
        }
        while (deleted == SessionBatch);
        var userTokens = await db.UserTokens
            .Where(t => t.UsedAt < cutoff || t.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var outboxEmails = await db.OutboxEmails
            .Where(e => e.SentAt < cutoff || e.FailedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var loginFailureCounts = await db.LoginFailureCounts
            .Where(c => c.LastFailureAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(FaultToleranceMigrationSql.PurgeSessionDeletions, [new NpgsqlParameter("cutoff", cutoff)], cancellationToken);
        return new RetentionResult(sessions, userTokens, outboxEmails, loginFailureCounts);
    }
}
