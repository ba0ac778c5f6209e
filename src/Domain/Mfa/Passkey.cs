namespace AuthFlow.Domain.Mfa;

/// <summary>
/// A WebAuthn credential (passkey) of a user: a second factor, and a way to sign in without a password. The public
/// key is stored as the authenticator gave it (COSE); the private key never leaves the authenticator.
/// </summary>
public sealed class Passkey
{
    public const int MaxNameLength = 64;

    private Passkey(Guid id, Guid userId, string name, byte[] credentialId, byte[] publicKey, long signCount, byte[] userHandle, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        Name = name;
        CredentialId = credentialId;
        PublicKey = publicKey;
        SignCount = signCount;
        UserHandle = userHandle;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>What the user calls it; unique per user, so that it can be listed and deleted by name.</summary>
    public string Name { get; private set; }

    public byte[] CredentialId { get; private set; }

    public byte[] PublicKey { get; private set; }

    /// <summary>The authenticator's signature counter at its last use (0 for authenticators that keep none).</summary>
    public long SignCount { get; private set; }

    /// <summary>The user handle the credential was created with: the user id's bytes.</summary>
    public byte[] UserHandle { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static Passkey Register(Guid userId, string name, byte[] credentialId, byte[] publicKey, uint signCount, byte[] userHandle, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Passkey(Guid.CreateVersion7(now), userId, name.Trim(), credentialId, publicKey, signCount, userHandle, now);
    }

    /// <summary>Records a verified assertion. The caller stores it so that a concurrent use with the same counter loses.</summary>
    public void RecordUse(uint signCount, DateTimeOffset now)
    {
        SignCount = signCount;
        LastUsedAt = now;
    }
}
