namespace AuthFlow.Application.Common.Interfaces;

/// <summary>One signing key as an operator sees it: its id and the dates of its life.</summary>
public sealed record SigningKeyInfo(
    string KeyId,
    string Algorithm,
    DateTimeOffset CreatedAt,
    DateTimeOffset SignsFrom,
    DateTimeOffset? SupersededAt,
    DateTimeOffset? RetiresAt);

/// <summary>The signing keys the service keeps in its database (ES256 and RS256; HS256 keys come from configuration).</summary>
public interface ISigningKeyStore
{
    /// <summary>False when the signing key is the configured HS256 secret, which the service neither stores nor rotates.</summary>
    bool ManagesKeys { get; }

    /// <summary>Publishes a new key that signs after the publish lead time, and supersedes the current one then.</summary>
    Task<SigningKeyInfo> RotateAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every stored key, newest first, retired ones included.</summary>
    Task<IReadOnlyList<SigningKeyInfo>> ListAsync(CancellationToken cancellationToken);
}
