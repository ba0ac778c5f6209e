namespace AuthFlow.Domain.Users;

/// <summary>
/// One login of a user on one device: the <c>sid</c> claim of its access tokens and the owner of its chain of
/// refresh tokens. It lives until it is revoked, left unused for longer than the idle timeout, or reaches its
/// absolute expiry, whichever comes first.
/// </summary>
public sealed class Session
{
    /// <summary>Long enough for any IPv6 address with a zone index.</summary>
    public const int MaxIpAddressLength = 64;

    /// <summary>User agents are client input: longer values are cut, never refused.</summary>
    public const int MaxUserAgentLength = 512;

    private Session(
        Guid id, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, string? ipAddress, string? userAgent, string[] authenticationMethods)
    {
        AuthenticationMethods = authenticationMethods;
        Id = id;
        UserId = userId;
        CreatedAt = createdAt;
        LastUsedAt = createdAt;
        ExpiresAt = expiresAt;
        IpAddress = ipAddress;
        UserAgent = userAgent;
    }

    /// <summary>A UUIDv7; the <c>sid</c> claim of every access token of this session.</summary>
    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last login or refresh; the idle timeout counts from here.</summary>
    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>The absolute end: no refresh extends a session past it.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The client address seen at login, if any.</summary>
    public string? IpAddress { get; private set; }

    /// <summary>The <c>User-Agent</c> sent at login, cut to <see cref="MaxUserAgentLength"/> UTF-16 characters on a rune boundary.</summary>
    public string? UserAgent { get; private set; }

    /// <summary>
    /// How the user proved who they were at login (RFC 8176 <c>amr</c> values, see <see cref="Users.AuthenticationMethods"/>).
    /// Every access token of the session carries them, refreshed ones included.
    /// </summary>
    public string[] AuthenticationMethods { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public SessionRevocation? RevocationReason { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Neither revoked, nor past its absolute expiry, nor idle for <paramref name="idleTimeout"/> or longer.</summary>
    public bool IsActive(DateTimeOffset now, TimeSpan idleTimeout) =>
        !IsRevoked && now < ExpiresAt && now < LastUsedAt + idleTimeout;

    /// <summary>Starts a session; <paramref name="authenticationMethods"/> defaults to a password alone.</summary>
    public static Session Start(
        Guid userId, string? ipAddress, string? userAgent, DateTimeOffset now, TimeSpan absoluteLifetime, IReadOnlyCollection<string>? authenticationMethods = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(absoluteLifetime, TimeSpan.Zero);

        return new Session(
            Guid.CreateVersion7(now), userId, now, now + absoluteLifetime, Bound(ipAddress, MaxIpAddressLength), Bound(userAgent, MaxUserAgentLength),
            authenticationMethods is { Count: > 0 } methods ? [.. methods.Distinct(StringComparer.Ordinal)] : [Users.AuthenticationMethods.Password]);
    }

    /// <summary>A refresh used the session: the idle timeout starts again.</summary>
    public void RecordUse(DateTimeOffset now)
    {
        if (now > LastUsedAt)
        {
            LastUsedAt = now;
        }
    }

    /// <summary>How long a refresh token issued now may live: its own lifetime, but never past the session.</summary>
    public TimeSpan RefreshTokenLifetime(DateTimeOffset now, TimeSpan tokenLifetime) =>
        ExpiresAt - now < tokenLifetime ? ExpiresAt - now : tokenLifetime;

    private static string? Bound(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length <= maxLength)
        {
            return trimmed;
        }

        // Cut on a rune boundary: never keep the first half of a surrogate pair.
        var end = char.IsHighSurrogate(trimmed[maxLength - 1]) ? maxLength - 1 : maxLength;
        return trimmed[..end];
    }
}
