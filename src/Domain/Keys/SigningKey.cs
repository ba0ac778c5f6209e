namespace AuthFlow.Domain.Keys;

/// <summary>
/// An asymmetric key the service signs access tokens with, shared by every instance through the database.
/// Its life: published at <see cref="CreatedAt"/> (in the JWKS, verifying), signing from <see cref="SignsFrom"/>,
/// superseded at <see cref="SupersededAt"/> (stops signing, still verifying) and retired at <see cref="RetiresAt"/>,
/// once the last token it could have signed has expired (no longer published, no longer verifying).
/// </summary>
public sealed class SigningKey
{
    private SigningKey(string id, string algorithm, byte[] publicKey, byte[] encryptedPrivateKey, DateTimeOffset createdAt, DateTimeOffset signsFrom)
    {
        Id = id;
        Algorithm = algorithm;
        PublicKey = publicKey;
        EncryptedPrivateKey = encryptedPrivateKey;
        CreatedAt = createdAt;
        SignsFrom = signsFrom;
    }

    /// <summary>The <c>kid</c>: the RFC 7638 thumbprint of the public key.</summary>
    public string Id { get; private set; }

    /// <summary>The JWS algorithm the key signs with: ES256 or RS256.</summary>
    public string Algorithm { get; private set; }

    /// <summary>The public key as a DER SubjectPublicKeyInfo.</summary>
    public byte[] PublicKey { get; private set; }

    /// <summary>The PKCS#8 private key, encrypted under the key-encryption key; the plain key is never stored.</summary>
    public byte[] EncryptedPrivateKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset SignsFrom { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public DateTimeOffset? RetiresAt { get; private set; }

    /// <summary>A new key, published now and signing from <paramref name="signsFrom"/>.</summary>
    public static SigningKey Create(string id, string algorithm, byte[] publicKey, byte[] encryptedPrivateKey, DateTimeOffset now, DateTimeOffset signsFrom)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentOutOfRangeException.ThrowIfLessThan(signsFrom, now);
        return new SigningKey(id, algorithm, publicKey, encryptedPrivateKey, now, signsFrom);
    }

    /// <summary>In the JWKS and trusted for verification.</summary>
    public bool IsPublishedAt(DateTimeOffset now) => CreatedAt <= now && (RetiresAt is null || now < RetiresAt);

    /// <summary>The key that new tokens are signed with (at most one key of a consistent set).</summary>
    public bool SignsAt(DateTimeOffset now) => IsPublishedAt(now) && SignsFrom <= now && (SupersededAt is null || now < SupersededAt);

    /// <summary>
    /// Stops signing at <paramref name="at"/> and keeps verifying for <paramref name="lastTokenLifetime"/> after that:
    /// the lifetime of an access token plus the allowed clock skew. A key already superseded keeps its dates.
    /// </summary>
    public void Supersede(DateTimeOffset at, TimeSpan lastTokenLifetime)
    {
        if (SupersededAt is not null)
        {
            return;
        }

        SupersededAt = at;
        RetiresAt = at + lastTokenLifetime;
    }
}
