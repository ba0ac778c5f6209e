using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using BC = BCrypt.Net.BCrypt;

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
        _services = Services(workFactor: 5);
        _hasher = _services.GetRequiredService<IPasswordHasher>();
    }

    [OneTimeTearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public void Hash_IsMarkedPepperedBcryptWithTheConfiguredCost()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(hash, Does.Match(@"^\$hmac-sha384\+bcrypt\$\$2[abxy]\$05\$[./A-Za-z0-9]{53}$"));
        Assert.That(hash, Has.Length.LessThanOrEqualTo(100), "fits users.password_hash");
    }

    [Test]
    public void Hash_TwiceTheSamePassword_UsesDifferentSalts()
    {
        var first = _hasher.Hash(Password);

        var second = _hasher.Hash(Password);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void Verify_WithTheRightPassword_Succeeds()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(_hasher.Verify(Password, hash), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [Test]
    public void Verify_WithAWrongPassword_Fails()
    {
        var hash = _hasher.Hash(Password);

        Assert.That(_hasher.Verify("Correct horse battery staple", hash), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public void Verify_TwoPasswordsEqualInTheFirst72BytesOnly_DoNotMatchEachOther()
    {
        var first = new string('p', 72) + "first";
        var second = new string('p', 72) + "second";
        var hash = _hasher.Hash(first);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_hasher.Verify(first, hash), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(_hasher.Verify(second, hash), Is.EqualTo(PasswordVerification.Failed));
            Assert.That(_hasher.Verify(new string('p', 72), hash), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public void Verify_WithA256CharacterMultiBytePassword_Succeeds()
    {
        var password = string.Concat(Enumerable.Repeat("\U0001F600é ", 86))[..256];
        var hash = _hasher.Hash(password);

        Assert.That(_hasher.Verify(password, hash), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [Test]
    public void Verify_WithComposedAndDecomposedAccents_TreatsThemAsOnePassword()
    {
        var hash = _hasher.Hash("caf\u00e9 au lait, s'il vous pla\u00eet");

        Assert.That(_hasher.Verify("cafe\u0301 au lait, s'il vous plai\u0302t", hash), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [Test]
    public void Verify_WithAPlainBcryptHashFromBefore_SucceedsAndAsksForARehash()
    {
        var legacy = BC.HashPassword(Password, 5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_hasher.Verify(Password, legacy), Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
            Assert.That(_hasher.Verify("not the password", legacy), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public void Verify_WithAPlainBcryptHashAndALongerInputSharingIts72Bytes_Fails()
    {
        var legacy = BC.HashPassword(new string('p', 72), 5);

        Assert.That(_hasher.Verify(new string('p', 72) + "tail", legacy), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public void Verify_WithAHashOfALowerCostThanConfigured_AsksForARehash()
    {
        using var cheaper = Services(workFactor: 4);
        var hash = cheaper.GetRequiredService<IPasswordHasher>().Hash(Password);

        Assert.That(_hasher.Verify(Password, hash), Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
    }

    [Test]
    public void Verify_WithAnotherPepper_Fails()
    {
        using var other = Services(workFactor: 5, pepper: Convert.ToBase64String(new byte[32]));
        var hash = other.GetRequiredService<IPasswordHasher>().Hash(Password);

        Assert.That(_hasher.Verify(Password, hash), Is.EqualTo(PasswordVerification.Failed));
    }

    [TestCase("")]
    [TestCase("not-a-bcrypt-hash")]
    [TestCase("$2a$05$tooshort")]
    [TestCase("$2a$99$abcdefghijklmnopqrstuu5Jg8mE4hbhWq0sW9Iv1xgGvCD7b6mi.")]
    [TestCase("$9z$05$abcdefghijklmnopqrstuu5Jg8mE4hbhWq0sW9Iv1xgGvCD7b6mi.")]
    [TestCase("$hmac-sha384+bcrypt$")]
    [TestCase("$hmac-sha384+bcrypt$$2a$05$tooshort")]
    public void Verify_WithAMalformedStoredHash_FailsWithoutThrowing(string storedHash)
    {
        var verified = PasswordVerification.Succeeded;

        Assert.That(() => verified = _hasher.Verify(Password, storedHash), Throws.Nothing);
        Assert.That(verified, Is.EqualTo(PasswordVerification.Failed));
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

    private static ServiceProvider Services(int workFactor, string? pepper = null)
    {
        var settings = new Dictionary<string, string?> { ["PasswordHashing:WorkFactor"] = workFactor.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (pepper is not null)
        {
            settings["PasswordHashing:Pepper"] = pepper;
        }

        return TestHost.Database.CreateInfrastructureServices(settings);
    }
}
