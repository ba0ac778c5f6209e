using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// A successor's value is HMAC-SHA256 keyed with the presented (predecessor) token over a random 32-byte salt,
/// base64url-encoded like any refresh token. The database keeps the salt and the successor's hash, never a value:
/// recomputing the successor needs the predecessor's value, which only its holder has (ADR 0004).
/// </summary>
internal sealed class RefreshTokenSuccessors(ITokenService tokenService) : IRefreshTokenSuccessors
{
    private const int SaltBytes = 32;

    public SuccessorToken Create(string presentedToken) =>
        Derive(presentedToken, RandomNumberGenerator.GetBytes(SaltBytes));

    public SuccessorToken Recreate(string presentedToken, string salt) =>
        Derive(presentedToken, Base64Url.DecodeFromChars(salt));

    private SuccessorToken Derive(string presentedToken, byte[] salt)
    {
        var value = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(presentedToken), salt));
        return new SuccessorToken(value, tokenService.HashRefreshToken(value), Base64Url.EncodeToString(salt));
    }
}
