namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// A new authenticator-app secret: encrypted for storage, and in clear (base32, an <c>otpauth://</c> URI and a QR code
/// of it as a data URI) to show the user once.
/// </summary>
public sealed record TotpSetup(byte[] EncryptedSecret, string Secret, string OtpAuthUri, string QrCodeDataUri);

/// <summary>TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) with secrets encrypted at rest.</summary>
public interface ITotp
{
    /// <summary>False when the service has no key to encrypt secrets with (<c>Jwt:KeyEncryptionKey</c>, optional with HS256).</summary>
    bool IsAvailable { get; }

    /// <summary>A new random secret for <paramref name="userId"/>, labelled with <paramref name="accountName"/> in the authenticator app.</summary>
    TotpSetup CreateSetup(Guid userId, string accountName);

    /// <summary>
    /// The time step of <paramref name="code"/> when it is the code of the current step or of one step either side
    /// of it; null otherwise. Whether that step was used already is the caller's concern.
    /// </summary>
    long? MatchStep(Guid userId, byte[] encryptedSecret, string code, DateTimeOffset now);
}

/// <summary>Makes recovery codes and the keyed hashes they are stored as.</summary>
public interface IRecoveryCodes
{
    /// <summary><paramref name="count"/> new random codes, to show the user once.</summary>
    IReadOnlyList<string> Generate(int count);

    /// <summary>The stored form of a code as the user typed it (case, spaces and dashes do not matter).</summary>
    string Hash(string code);
}

/// <summary>
/// Consecutive wrong second-factor codes per account, shared by every instance; the same back-off as the login
/// throttle (<c>LoginThrottling:*</c>).
/// </summary>
public interface IMfaThrottle
{
    Task<TimeSpan?> GetRemainingBlockAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordFailureAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task ResetAsync(Guid userId, CancellationToken cancellationToken);
}
