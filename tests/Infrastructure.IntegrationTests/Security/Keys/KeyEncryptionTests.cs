using System.Security.Cryptography;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.IntegrationTests.Security.Keys;

public sealed class KeyEncryptionTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(121);

    [Test]
    public void Decrypt_OfWhatWasEncrypted_GivesTheSameBytes()
    {
        var encryption = Create();

        var blob = encryption.Encrypt("kid-1", Secret);

        Assert.That(encryption.Decrypt("kid-1", blob), Is.EqualTo(Secret));
    }

    [Test]
    public void Encrypt_TwiceTheSameBytes_GivesDifferentCiphertextsWithoutThePlaintext()
    {
        var encryption = Create();

        var first = encryption.Encrypt("kid-1", Secret);
        var second = encryption.Encrypt("kid-1", Secret);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.Not.EqualTo(second), "a fresh nonce each time");
            Assert.That(first.AsSpan().IndexOf(Secret.AsSpan(0, 16)), Is.EqualTo(-1));
            Assert.That(first, Has.Length.EqualTo(1 + 12 + 16 + Secret.Length));
        }
    }

    [Test]
    public void Decrypt_UnderAnotherKid_Fails()
    {
        var encryption = Create();
        var blob = encryption.Encrypt("kid-1", Secret);

        Assert.That(() => encryption.Decrypt("kid-2", blob), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Decrypt_UnderAnotherKeyEncryptionKey_Fails()
    {
        var blob = Create().Encrypt("kid-1", Secret);

        Assert.That(() => Create().Decrypt("kid-1", blob), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Decrypt_OfATamperedCiphertext_Fails()
    {
        var encryption = Create();
        var blob = encryption.Encrypt("kid-1", Secret);
        blob[^1] ^= 1;

        Assert.That(() => encryption.Decrypt("kid-1", blob), Throws.InstanceOf<CryptographicException>());
    }

    [TestCase(32, true)]
    [TestCase(31, false)]
    [TestCase(33, false)]
    [TestCase(16, false)]
    public void IsValidKey_AcceptsExactly32BytesOfBase64(int bytes, bool valid)
    {
        Assert.That(KeyEncryption.IsValidKey(Convert.ToBase64String(new byte[bytes])), Is.EqualTo(valid));
    }

    private static KeyEncryption Create() =>
        new(Options.Create(new JwtOptions { KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
}
