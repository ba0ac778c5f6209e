using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Mfa;

/// <summary>
/// Recovery codes of 10 characters from a 31-character alphabet without look-alikes (49 bits), shown as <c>xxxxx-xxxxx</c>.
/// Stored as HMAC-SHA256 under a key derived from the pepper: 49 bits is too little for a plain fast hash to hide a
/// code from someone holding only the database.
/// </summary>
internal sealed class RecoveryCodeGenerator(IOptions<PasswordHashingOptions> hashing) : IRecoveryCodes
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int Length = 10;
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("authflow/recovery-codes/v1");

    public IReadOnlyList<string> Generate(int count) =>
        Enumerable.Range(0, count).Select(_ => Format(RandomNumberGenerator.GetString(Alphabet, Length))).ToList();

    public string Hash(string code)
    {
        var key = HMACSHA256.HashData(hashing.Value.PepperBytes(), KeyPurpose);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalize(code))));
    }

    /// <summary>What the user typed, without case, spaces or dashes.</summary>
    private static string Normalize(string code) =>
        new(code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant).ToArray());

    private static string Format(string code) => $"{code[..5]}-{code[5..]}";
}
