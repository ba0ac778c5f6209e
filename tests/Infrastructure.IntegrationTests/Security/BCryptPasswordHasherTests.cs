using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>The hasher is internal: it is resolved as the service resolves it, with a cost of 5.</summary>
public sealed class BCryptPasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    private ServiceProvider _services = null!;
    private IPasswordHasher _hasher = null!;

    [OneTimeSetUp]
    public void CreateHasher()
    {
        _services = TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?> { ["PasswordHashing:WorkFactor"] = "5" });
        _hasher = _services.GetRequiredService<IPasswordHasher>();
    }

    [OneTimeTearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public void Hash_IsBcryptWithTheConfiguredCost()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(hash, Does.Match(@"^\$2[abxy]\$05\$[./A-Za-z0-9]{53}$"));
    }

    [Test]
    public void Hash_TwiceTheSamePassword_UsesDifferentSalts()
    {
        var first = _hasher.Hash(Password);

        var second = _hasher.Hash(Password);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Verify_WithTheRightPassword_ReturnsTrue()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(_hasher.Verify(Password, hash), Is.True);
    }

    [Test]
    public void Verify_WithAWrongPassword_ReturnsFalse()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(_hasher.Verify("Correct horse battery staple", hash), Is.False);
    }

    [Test]
    public void Verify_WithAPasswordOfExactly72Bytes_ReturnsTrue()
    {
        var password = new string('p', 72);
        var hash = _hasher.Hash(password);

        Assert.That(_hasher.Verify(password, hash), Is.True);
    }

    [Test]
    public void Verify_WithALongerPasswordSharingTheFirst72Bytes_ReturnsFalse()
    {
        var password = new string('p', 72);
        var hash = _hasher.Hash(password);

        // bcrypt alone would say yes: it never reads past byte 72.
        Assert.That(_hasher.Verify(password + "anything", hash), Is.False);
    }

    [Test]
    public void Verify_With72CharactersThatAreMoreThan72BytesInUtf8_ReturnsFalse()
    {
        var stored = new string('p', 71) + "é";
        var hash = _hasher.Hash(stored[..71]);

        // 71 ASCII bytes and a two-byte 'é': 73 bytes, whose first 72 are not a whole password of their own.
        Assert.That(_hasher.Verify(stored, hash), Is.False);
    }

    [TestCase("")]
    [TestCase("not-a-bcrypt-hash")]
    [TestCase("$2a$05$tooshort")]
    [TestCase("$2a$99$abcdefghijklmnopqrstuu5Jg8mE4hbhWq0sW9Iv1xgGvCD7b6mi.")]
    [TestCase("$9z$05$abcdefghijklmnopqrstuu5Jg8mE4hbhWq0sW9Iv1xgGvCD7b6mi.")]
    public void Verify_WithAMalformedStoredHash_ReturnsFalseWithoutThrowing(string storedHash)
    {
        var verified = true;

        Assert.That(() => verified = _hasher.Verify(Password, storedHash), Throws.Nothing);
        Assert.That(verified, Is.False);
    }

    [Test]
    public void VerifyAgainstDummy_DoesNotThrow()
    {
        Assert.That(() => _hasher.VerifyAgainstDummy(Password), Throws.Nothing);
    }

    [Test]
    public void VerifyAgainstDummy_WithAPasswordLongerThan72Bytes_DoesNotThrow()
    {
        Assert.That(() => _hasher.VerifyAgainstDummy(new string('p', 100)), Throws.Nothing);
    }

    [Test]
    public void WorkFactor_DefaultsTo12()
    {
        Assert.That(new PasswordHashingOptions().WorkFactor, Is.EqualTo(12));
    }
}
