using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>
/// Encrypts stored private keys with AES-256-GCM under the key-encryption key (<c>Jwt:KeyEncryptionKey</c>).
/// The key id is the associated data, so a ciphertext moved to another row does not decrypt.
/// Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class KeyEncryption
{
    public const int KeyBytes = 32;
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + NonceBytes + TagBytes;

    private readonly Lazy<byte[]> _key;

    /// <summary>Reads <c>Jwt:KeyEncryptionKey</c> on first use (HS256 set-ups have none), which the options validator has checked.</summary>
    public KeyEncryption(IOptions<JwtOptions> options) =>
        _key = new Lazy<byte[]>(() => TryDecode(options.Value.KeyEncryptionKey, out var key)
            ? key
            : throw new InvalidOperationException($"Jwt:KeyEncryptionKey is not {KeyBytes} bytes in base64."));

    public static bool IsValidKey(string? base64) => TryDecode(base64, out _);

    public byte[] Encrypt(string keyId, ReadOnlySpan<byte> plaintext)
    {
        var blob = new byte[HeaderBytes + plaintext.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderBytes), blob.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(keyId));
        return blob;
    }

    /// <summary>The plaintext; the caller clears it once imported. Throws when the key, the key id or the bytes differ.</summary>
    public byte[] Decrypt(string keyId, byte[] blob)
    {
        if (blob.Length <= HeaderBytes || blob[0] != Version)
        {
            throw new CryptographicException($"The stored private key of '{keyId}' is not in a known format.");
        }

        var plaintext = new byte[blob.Length - HeaderBytes];
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Decrypt(blob.AsSpan(1, NonceBytes), blob.AsSpan(HeaderBytes), blob.AsSpan(1 + NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }

    private static bool TryDecode(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeyBytes)
        {
            return false;
        }

        key = buffer[..KeyBytes];
        return true;
    }
}
