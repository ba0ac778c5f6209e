namespace AuthFlow.Domain.Mfa;

/// <summary>
/// A user's authenticator app (TOTP, RFC 6238). The shared secret is held only encrypted. The factor is pending until
/// the user proves with a code that the app has it; each accepted time step is remembered so that a code cannot be
/// used twice.
/// </summary>
public sealed class TotpAuthenticator
{
    private TotpAuthenticator(Guid id, Guid userId, byte[] encryptedSecret, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        EncryptedSecret = encryptedSecret;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The secret, encrypted under the key-encryption key; never stored in clear.</summary>
    public byte[] EncryptedSecret { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the first code was accepted; until then the factor does not count.</summary>
    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>The last accepted time step: codes of this step or an earlier one are refused.</summary>
    public long? LastUsedStep { get; private set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    public static TotpAuthenticator Enrol(Guid userId, byte[] encryptedSecret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(encryptedSecret);
        return new TotpAuthenticator(Guid.CreateVersion7(now), userId, encryptedSecret, now);
    }

    /// <summary>True when a code of <paramref name="step"/> may still be accepted: later than every code accepted before.</summary>
    public bool CanAccept(long step) => LastUsedStep is not { } last || step > last;

    /// <summary>Records an accepted code; the first one confirms the factor. The caller stores it so that a concurrent use of the same step loses.</summary>
    public void Accept(long step, DateTimeOffset now)
    {
        if (!CanAccept(step))
        {
            throw new InvalidOperationException("A code of this time step was already used.");
        }

        LastUsedStep = step;
        ConfirmedAt ??= now;
    }
}
