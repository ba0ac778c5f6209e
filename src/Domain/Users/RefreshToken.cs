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

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True once this token has been exchanged: presenting it again means it was copied.</summary>
    public bool WasRotated => RevocationReason == RefreshTokenRevocation.Rotated;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsActive(DateTimeOffset now) => !IsRevoked && !IsExpired(now);

    /// <summary>Starts a new session for the user with its first refresh token.</summary>
    public static RefreshToken IssueForNewSession(Guid userId, string tokenHash, DateTimeOffset now, TimeSpan lifetime) =>
        Issue(userId, Guid.CreateVersion7(now), tokenHash, now, lifetime);

    /// <summary>
    /// Revokes this token and returns its successor in the same session. The caller persists both
    /// in one transaction, so that exactly one successor can ever exist.
    /// </summary>
    public RefreshToken Rotate(string successorHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!IsActive(now))
        {
            throw new InvalidOperationException("Only an active refresh token can be rotated.");
        }

        var successor = Issue(UserId, SessionId, successorHash, now, lifetime);
        RevokedAt = now;
        RevocationReason = RefreshTokenRevocation.Rotated;
        ReplacedByTokenId = successor.Id;
        return successor;
    }

    private static RefreshToken Issue(Guid userId, Guid sessionId, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        return new RefreshToken(Guid.CreateVersion7(now), userId, sessionId, tokenHash, now, now + lifetime);
    }
}
