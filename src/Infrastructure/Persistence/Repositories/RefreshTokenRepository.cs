using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// One statement, one transaction. <c>current</c> applies the domain's checks to the values the handler passes
    /// (<see cref="RefreshToken.IsActive"/>: not revoked, <c>now &lt; expires_at</c>; <see cref="Session.IsActive"/>: not
    /// revoked, <c>now &lt; expires_at</c>, <c>now &lt; last_used_at + idle</c>; the user not disabled); the successor
    /// expires as <see cref="Session.RefreshTokenLifetime"/> says: after its lifetime or with the session, whichever is
    /// first. The guard on <c>revoked_at</c> in <c>rotated</c> is rechecked on the locked row, so that of two concurrent
    /// rotations of one token the second rotates nothing. Anything the statement does not rotate is left to the caller's
    /// read of the chain, where the domain decides. Plain Npgsql: no entity is materialised or tracked. The token is found
    /// by its hash first (<c>MATERIALIZED</c>): prepared, the statement runs a generic plan, which must not depend on the
    /// tables' statistics for its join order.
    /// </summary>
    private const string RotateActiveSql = """
        WITH presented AS MATERIALIZED (
            SELECT t.id, t.user_id, t.session_id
            FROM refresh_tokens t
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND $2 < t.expires_at
        ), current_token AS (
            SELECT p.id
            FROM presented p
            JOIN sessions s ON s.id = p.session_id
            JOIN users u ON u.id = p.user_id
            WHERE s.revoked_at IS NULL AND $2 < s.expires_at AND $2 < s.last_used_at + $3
              AND u.disabled_at IS NULL
        ), rotated AS (
            UPDATE refresh_tokens t
            SET revoked_at = $2, revocation_reason = 'Rotated', replaced_by_token_id = $4, successor_salt = $5
            FROM current_token c
            WHERE t.id = c.id AND t.revoked_at IS NULL
            RETURNING t.user_id, t.session_id
        ), successor AS (
            INSERT INTO refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at)
            SELECT $4, r.user_id, r.session_id, $6, $2, LEAST(s.expires_at, $2 + $7)
            FROM rotated r JOIN sessions s ON s.id = r.session_id
            RETURNING user_id, session_id
        ), touched AS (
            UPDATE sessions s SET last_used_at = GREATEST(s.last_used_at, $2)
            FROM successor n
            WHERE s.id = n.session_id
            RETURNING s.id, s.user_id, s.authentication_methods
        )
        SELECT t.id, u.id, u.email, t.authentication_methods,
               ARRAY(SELECT r.role_name FROM user_roles r WHERE r.user_id = u.id)
        FROM touched t JOIN users u ON u.id = t.user_id
        """;

    public async Task<RotatedSession?> TryRotateActiveAsync(ActiveTokenRotation rotation, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(RotateActiveSql, (NpgsqlConnection)db.Database.GetDbConnection());
            // character(64), as the column: a text parameter would compare token_hash::text, which no index serves.
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rotation.TokenHash, NpgsqlDbType = NpgsqlDbType.Char });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = rotation.Now });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = rotation.IdleTimeout, NpgsqlDbType = NpgsqlDbType.Interval });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = rotation.SuccessorId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rotation.SuccessorSalt });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rotation.SuccessorHash, NpgsqlDbType = NpgsqlDbType.Char });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = rotation.SuccessorLifetime, NpgsqlDbType = NpgsqlDbType.Interval });

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var roles = reader.GetFieldValue<string[]>(4);
            Array.Sort(roles, StringComparer.Ordinal);
            return new RotatedSession(
                new AccessTokenSubject(reader.GetGuid(1), reader.GetString(2), roles),
                reader.GetGuid(0),
                reader.GetFieldValue<string[]>(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
