using AuthFlow.Application.Common.Interfaces;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>The keys one instance holds in memory: the one that signs now and those that verify.</summary>
public interface ISigningKeyRing
{
    SigningCredentials GetSigningCredentials(DateTimeOffset now);

    /// <summary>The key named <paramref name="keyId"/> when it verifies at <paramref name="now"/>; empty otherwise. Never a database call.</summary>
    IReadOnlyList<SecurityKey> ResolveVerificationKeys(string? keyId, DateTimeOffset now);

    IReadOnlyList<PublicJsonWebKey> GetPublishedKeys(DateTimeOffset now);

    /// <summary>Reloads the key set from its source.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
