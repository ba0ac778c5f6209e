using System.Linq.Expressions;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class SessionRepository(AuthFlowDbContext db, RevokedSessionCache revokedSessions, AuthFlowMetrics metrics) : ISessionRepository
{
    public void Add(Session session) => db.Sessions.Add(session);

    public Task<Session?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Sessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken) =>
        await ActiveSessions(userId, now, idleTimeout)
            .OrderByDescending(s => s.LastUsedAt)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, SessionRevocation reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await RevokeWhereAsync(s => s.UserId == userId && s.Id == sessionId, reason, now, cancellationToken) > 0;

    public Task<int> RevokeAllForUserAsync(Guid userId, SessionRevocation reason, DateTimeOffset now, Guid? exceptSessionId, CancellationToken cancellationToken) =>
        exceptSessionId is { } except
            ? RevokeWhereAsync(s => s.UserId == userId && s.Id != except, reason, now, cancellationToken)
            : RevokeWhereAsync(s => s.UserId == userId, reason, now, cancellationToken);

    /// <summary>
    /// Revokes the matching unrevoked sessions and their active refresh tokens in one transaction. The
    /// <c>sessions</c> trigger notifies every instance on commit (<see cref="SessionRevocationListener"/>); this
    /// instance records them at once when the transaction is its own.
    /// </summary>
    private async Task<int> RevokeWhereAsync(Expression<Func<Session, bool>> match, SessionRevocation reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Inside a unit-of-work transaction (an admin change, a logout with its audit event), the statements join it and
        // commit with it; this instance records the sessions when it commits, every other one hears of them from the NOTIFY.
        var joined = db.Database.CurrentTransaction is not null;
        await using var transaction = joined ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var sessionIds = await db.Sessions.Where(match).Where(s => s.RevokedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        if (sessionIds.Count == 0)
        {
            return 0;
        }

        await db.RefreshTokens
            .Where(t => sessionIds.Contains(t.SessionId) && t.RevokedAt == null)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.RevokedAt, now)
                    .SetProperty(t => t.RevocationReason, RefreshTokenRevocation.SessionEnded),
                cancellationToken);
        var revoked = await db.Sessions
            .Where(s => sessionIds.Contains(s.Id) && s.RevokedAt == null)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(s => s.RevokedAt, now)
                    .SetProperty(s => s.RevocationReason, reason),
                cancellationToken);
        if (transaction is null)
        {
            db.AfterCommit.Add(() =>
            {
                sessionIds.ForEach(id => revokedSessions.Add(id, now));
                metrics.SessionsEnded(reason, revoked);
            });
            return revoked;
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var sessionId in sessionIds)
        {
            revokedSessions.Add(sessionId, now);
        }

        metrics.SessionsEnded(reason, revoked);
        return revoked;
    }

    /// <summary><see cref="Session.IsActive"/>, as SQL.</summary>
    private IQueryable<Session> ActiveSessions(Guid userId, DateTimeOffset now, TimeSpan idleTimeout)
    {
        var usedSince = now - idleTimeout;
        return db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.LastUsedAt > usedSince);
    }
}
