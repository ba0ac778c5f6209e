namespace AuthFlow.Domain.Mfa;

/// <summary>What a WebAuthn ceremony is for.</summary>
public enum PasskeyCeremony
{
    /// <summary>Creating a passkey for a signed-in user.</summary>
    Registration = 1,

    /// <summary>Signing in (or completing a login) with a passkey.</summary>
    Authentication = 2,
}

/// <summary>
/// The options (with their random challenge) a WebAuthn ceremony started with, kept until the browser's answer comes
/// back: the answer is verified against them. Works once, for a few minutes.
/// </summary>
public sealed class PasskeyChallenge
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private PasskeyChallenge(Guid id, Guid? userId, PasskeyCeremony ceremony, string optionsJson, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        Ceremony = ceremony;
        OptionsJson = optionsJson;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The signed-in user of a registration; null for a sign-in, where the passkey names its user.</summary>
    public Guid? UserId { get; private set; }

    public PasskeyCeremony Ceremony { get; private set; }

    public string OptionsJson { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static PasskeyChallenge Start(Guid? userId, PasskeyCeremony ceremony, string optionsJson, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), userId, ceremony, optionsJson, now, now + Lifetime);

    public bool IsUsable(PasskeyCeremony ceremony, DateTimeOffset now) => Ceremony == ceremony && UsedAt is null && now < ExpiresAt;

    public void Consume(DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            throw new InvalidOperationException("The challenge was already used.");
        }

        UsedAt = now;
    }
}
