namespace AuthFlow.Domain.Users;

/// <summary>
/// One link in a session's chain of refresh tokens. Only the SHA-256 hash of the opaque token value
/// is kept; the value itself is handed to the client once and never stored.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken(Guid id, Guid userId, Guid sessionId, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        SessionId = sessionId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The login this token descends from; every rotation keeps it.</summary>
    public Guid SessionId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public RefreshTokenRevocation? RevocationReason { get; private set; }

    /// <summary>The token issued in exchange for this one, when it was rotated.</summary>
    public Guid? ReplacedByTokenId { get; private set; }

    /// <summary>
    /// The random salt from which the successor's value was derived together with this token's value, when it was
    /// rotated. It lets a concurrent refresh of this token be answered with the same successor (see ADR 0004).
    /// </summary>
    public string? SuccessorSalt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True once this token has been exchanged: presenting it again means it was copied.</summary>
    public bool WasRotated => RevocationReason == RefreshTokenRevocation.Rotated;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsActive(DateTimeOffset now) => !IsRevoked && !IsExpired(now);

    /// <summary>
    /// True while a rotated token may still be answered with its successor: for <paramref name="grace"/> after the
    /// rotation, and only when the rotation recorded a salt to derive the successor from. A zero grace turns it off,
    /// even for a request that read the clock just before the rotation it lost to.
    /// </summary>
    public bool IsWithinReuseGrace(DateTimeOffset now, TimeSpan grace) =>
        grace > TimeSpan.Zero && WasRotated && SuccessorSalt is not null && ReplacedByTokenId is not null && now - RevokedAt!.Value <= grace;

    /// <summary>The first refresh token of a session that a login has just started.</summary>
    public static RefreshToken IssueForSession(Session session, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Issue(session.UserId, session.Id, tokenHash, now, lifetime);
    }

    /// <summary>
    /// Revokes this token and returns its successor in the same session. The caller persists both
    /// in one transaction, so that exactly one successor can ever exist.
    /// </summary>
    public RefreshToken Rotate(string successorHash, string successorSalt, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(successorSalt);
        if (!IsActive(now))
        {
            throw new InvalidOperationException("Only an active refresh token can be rotated.");
        }

        var successor = Issue(UserId, SessionId, successorHash, now, lifetime);
        RevokedAt = now;
        RevocationReason = RefreshTokenRevocation.Rotated;
        ReplacedByTokenId = successor.Id;
        SuccessorSalt = successorSalt;
        return successor;
    }

    private static RefreshToken Issue(Guid userId, Guid sessionId, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        return new RefreshToken(Guid.CreateVersion7(now), userId, sessionId, tokenHash, now, now + lifetime);
    }
}
