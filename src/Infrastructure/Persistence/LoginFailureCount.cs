namespace AuthFlow.Infrastructure.Persistence;

/// <summary>
/// The consecutive failed logins for one email. The email itself is not stored: only an HMAC of its normalized
/// form, keyed by a secret derived from the pepper.
/// </summary>
internal sealed class LoginFailureCount
{
    public byte[] EmailKey { get; init; } = [];

    public int Failures { get; init; }

    public DateTimeOffset LastFailureAt { get; init; }
}
