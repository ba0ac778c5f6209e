namespace AuthFlow.Domain.Users;

/// <summary>
/// A one-time token mailed to a user (password reset, email verification). Only the SHA-256 hash of the value is
/// kept; the value itself travels once, in the email. A token works once, until it expires, and only while no
/// newer token of the same purpose has been issued.
/// </summary>
public sealed class UserToken
{
    private UserToken(Guid id, Guid userId, UserTokenPurpose purpose, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public UserTokenPurpose Purpose { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the token was redeemed, or replaced by a newer one; either way it no longer works.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>
    /// True when a newer token of the same purpose replaced this one before it was redeemed. The repository
    /// retires a user's older tokens in the database at once (<c>SupersedeUnusedAsync</c>), setting this and <see cref="UsedAt"/>.
    /// </summary>
    public bool Superseded { get; private set; }

    /// <summary>For <see cref="UserTokenPurpose.EmailChange"/>: the address the account moves to when the token is redeemed.</summary>
    public string? NewEmail { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public static UserToken Issue(Guid userId, UserTokenPurpose purpose, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        return new UserToken(Guid.CreateVersion7(now), userId, purpose, tokenHash, now, now + lifetime);
    }

    /// <summary>A token that moves the account to <paramref name="newEmail"/> when redeemed.</summary>
    public static UserToken IssueForEmailChange(Guid userId, string newEmail, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newEmail);
        var token = Issue(userId, UserTokenPurpose.EmailChange, tokenHash, now, lifetime);
        token.NewEmail = newEmail.Trim();
        return token;
    }

    /// <summary>Redeems the token. The caller stores it so that the update applies only while it is still unused.</summary>
    public void Consume(DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            throw new InvalidOperationException("Only an unused, unexpired token can be consumed.");
        }

        UsedAt = now;
    }
}
