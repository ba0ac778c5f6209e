using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// Opaque secrets handed to a client once (refresh tokens, emailed one-time tokens): 256 random bits,
/// base64url-encoded into 43 characters, stored only as their hex SHA-256.
/// </summary>
internal static class OpaqueTokens
{
    public const int Bytes = 32;

    public static string NewValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>With 256 bits of entropy a fast hash is enough; a slow one would add nothing.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
