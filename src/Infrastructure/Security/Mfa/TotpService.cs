using System.Security.Cryptography;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.Options;
using OtpNet;
using QRCoder;

namespace AuthFlow.Infrastructure.Security.Mfa;

/// <summary>
/// TOTP with Otp.NET (SHA-1, 6 digits, 30 seconds: what every authenticator app reads from an <c>otpauth://</c> URI)
/// and QR codes with QRCoder. Secrets are 160 random bits, encrypted with AES-GCM under the key-encryption key, bound
/// to their account (the associated data), so a ciphertext copied to another account's row does not decrypt.
/// </summary>
internal sealed class TotpService(KeyEncryption encryption, IOptions<EmailOptions> email, IOptions<JwtOptions> jwt) : ITotp
{
    private const int SecretBytes = 20;
    private static readonly VerificationWindow OneStepEitherSide = new(previous: 1, future: 1);

    public bool IsAvailable => KeyEncryption.IsValidKey(jwt.Value.KeyEncryptionKey);

    public TotpSetup CreateSetup(Guid userId, string accountName)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        try
        {
            var base32 = Base32Encoding.ToString(secret);
            var uri = new OtpUri(OtpType.Totp, base32, accountName, email.Value.ProductName).ToString();
            var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 5);
            return new TotpSetup(encryption.Encrypt(AssociatedData(userId), secret), base32, uri, "data:image/png;base64," + Convert.ToBase64String(png));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public long? MatchStep(Guid userId, byte[] encryptedSecret, string code, DateTimeOffset now)
    {
        var secret = encryption.Decrypt(AssociatedData(userId), encryptedSecret);
        try
        {
            return new Totp(secret).VerifyTotp(now.UtcDateTime, code, out var step, OneStepEitherSide) ? step : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static string AssociatedData(Guid userId) => $"totp:{userId}";
}
