using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class RefreshTokenRepository(AuthFlowDbContext db) : IRefreshTokenRepository
{
    /// <summary>Compiled once: the refresh hot path skips EF's query cache lookup and change tracking.</summary>
    private static readonly Func<AuthFlowDbContext, string, CancellationToken, Task<RefreshTokenChain?>> ChainByHash =
        EF.CompileAsyncQuery((AuthFlowDbContext context, string tokenHash, CancellationToken _) =>
            (from token in context.RefreshTokens.AsNoTracking()
             where token.TokenHash == tokenHash
             join session in context.Sessions on token.SessionId equals session.Id into sessions
             from session in sessions.DefaultIfEmpty()
             join user in context.Users on token.UserId equals user.Id into users
             from user in users.DefaultIfEmpty()
             join next in context.RefreshTokens on token.ReplacedByTokenId equals (Guid?)next.Id into successors
             from next in successors.DefaultIfEmpty()
             select new RefreshTokenChain(token, session, user, next))
            .SingleOrDefault());

    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public Task<RefreshToken?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.RefreshTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<RefreshTokenChain?> FindChainByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        ChainByHash(db, tokenHash, cancellationToken);

    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public async Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken)
    {
        if (current.RevokedAt is not { } rotatedAt || !current.WasRotated || current.ReplacedByTokenId != successor.Id)
        {
            throw new InvalidOperationException("Rotate the current token before storing the rotation.");
        }

        // One statement is one transaction. The guard on revoked_at is the optimistic check: of two concurrent rotations
        // of one token, the second waits for the first's row lock, sees revoked_at set, and inserts nothing.
        var stored = await db.Database.ExecuteSqlAsync(
            $"""
            WITH rotated AS (
                UPDATE refresh_tokens
                SET revoked_at = {rotatedAt}, revocation_reason = 'Rotated', replaced_by_token_id = {successor.Id},
                    successor_salt = {current.SuccessorSalt}
                WHERE id = {current.Id} AND revoked_at IS NULL
                RETURNING session_id
            ), successor AS (
                INSERT INTO refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at)
                SELECT {successor.Id}, {successor.UserId}, session_id, {successor.TokenHash}, {successor.CreatedAt}, {successor.ExpiresAt}
                FROM rotated
                RETURNING session_id
            )
            UPDATE sessions SET last_used_at = GREATEST(last_used_at, {successor.CreatedAt})
            WHERE id IN (SELECT session_id FROM successor)
            """,
            cancellationToken);
        return stored == 1;
    }
}
