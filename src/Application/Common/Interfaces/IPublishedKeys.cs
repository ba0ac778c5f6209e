namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// The public half of a signing key, as a JSON Web Key (RFC 7517/7518): <c>crv</c>, <c>x</c>, <c>y</c> for EC keys,
/// <c>n</c>, <c>e</c> for RSA keys. There is deliberately no place for a private parameter.
/// </summary>
public sealed record PublicJsonWebKey(string Kty, string Kid, string Alg, string? Crv, string? X, string? Y, string? N, string? E);

/// <summary>What other services need to verify AuthFlow's access tokens.</summary>
public interface IPublishedKeys
{
    /// <summary>The <c>iss</c> of every access token.</summary>
    string Issuer { get; }

    /// <summary>The one algorithm access tokens are signed with and verified against.</summary>
    string Algorithm { get; }

    /// <summary>The public keys trusted at <paramref name="now"/>: the signing one, the next one and the superseded ones not yet retired.</summary>
    IReadOnlyList<PublicJsonWebKey> GetPublishedKeys(DateTimeOffset now);
}
