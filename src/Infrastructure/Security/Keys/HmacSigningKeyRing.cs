using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>
/// HS256 with the configured <c>Jwt:SigningKey</c>, for single-service set-ups: nothing is stored or published.
/// The <c>kid</c> is an HMAC of a fixed label under the key, which names the key without revealing it.
/// </summary>
public sealed class HmacSigningKeyRing : ISigningKeyRing
{
    private readonly SymmetricSecurityKey _key;
    private readonly SigningCredentials _credentials;

    public HmacSigningKeyRing(IOptions<JwtOptions> options)
    {
        var secret = Encoding.UTF8.GetBytes(options.Value.SigningKey);
        var keyId = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, "authflow key id"u8)[..16]);
        _key = new SymmetricSecurityKey(secret) { KeyId = keyId };
        _credentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256);
    }

    public SigningCredentials GetSigningCredentials(DateTimeOffset now) => _credentials;

    public IReadOnlyList<SecurityKey> ResolveVerificationKeys(string? keyId, DateTimeOffset now) =>
        string.Equals(keyId, _key.KeyId, StringComparison.Ordinal) ? [_key] : [];

    public IReadOnlyList<PublicJsonWebKey> GetPublishedKeys(DateTimeOffset now) => [];

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
