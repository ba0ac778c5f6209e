using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class RefreshTokenRepository(AuthFlowDbContext db) : IRefreshTokenRepository
{
    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public async Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken)
    {
        db.RefreshTokens.Add(successor);
        try
        {
            // One SaveChanges is one transaction: the successor is inserted and the current token revoked together.
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Forget this attempt only: the successor was never stored and the current token's row is as the winner left it.
            db.Entry(successor).State = EntityState.Detached;
            db.Entry(current).State = EntityState.Detached;
            return false;
        }
    }

    public Task<int> RevokeSessionAsync(Guid userId, Guid sessionId, RefreshTokenRevocation reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(ActiveTokens(userId, now).Where(t => t.SessionId == sessionId), reason, now, cancellationToken);

    public Task<int> RevokeAllForUserAsync(Guid userId, RefreshTokenRevocation reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(ActiveTokens(userId, now), reason, now, cancellationToken);

    public Task<int> CountActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ActiveTokens(userId, now)
            .Select(t => t.SessionId)
            .Distinct()
            .CountAsync(cancellationToken);

    private static Task<int> Revoke(IQueryable<RefreshToken> tokens, RefreshTokenRevocation reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        tokens.ExecuteUpdateAsync(
            setters => setters
                .SetProperty(t => t.RevokedAt, now)
                .SetProperty(t => t.RevocationReason, reason),
            cancellationToken);

    /// <summary><see cref="RefreshToken.IsActive"/>, as SQL: not revoked and not yet expired.</summary>
    private IQueryable<RefreshToken> ActiveTokens(Guid userId, DateTimeOffset now) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null && t.ExpiresAt > now);
}
