using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>Settings are checked by the validators AddInfrastructure registers, and a failure names the setting.</summary>
public sealed class OptionsValidationTests
{
    [Test]
    public void JwtOptions_WithA31ByteSigningKey_AreRejectedNamingTheSetting()
    {
        using var services = Hs256Services("Jwt:SigningKey", new string('k', 31));

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<JwtOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("Jwt:SigningKey"));
    }

    [Test]
    public void JwtOptions_WithA32ByteSigningKey_AreAccepted()
    {
        using var services = Hs256Services("Jwt:SigningKey", new string('k', 32));

        Assert.That(services.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey, Has.Length.EqualTo(32));
    }

    [Test]
    public void JwtOptions_WithA16CharacterKeyOf32Utf8Bytes_AreAccepted()
    {
        // The rule counts bytes, as the signing key is made of the UTF-8 bytes.
        using var services = Hs256Services("Jwt:SigningKey", new string('é', 16));

        Assert.That(() => services.GetRequiredService<IOptions<JwtOptions>>().Value, Throws.Nothing);
    }

    [Test]
    public void JwtOptions_WithAMissingSigningKey_AreRejectedNamingTheSetting()
    {
        using var services = Hs256Services("Jwt:SigningKey", "");

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<JwtOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("Jwt:SigningKey"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    public void DatabaseOptions_WithAPoolSizeOutOfRange_AreRejectedNamingTheSetting(string size)
    {
        using var services = Services("Database:MaxPoolSize", size);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("Database:MaxPoolSize"));
    }

    [TestCase("3")]
    [TestCase("32")]
    public void PasswordHashingOptions_WithAWorkFactorOutOfRange_AreRejectedNamingTheSetting(string workFactor)
    {
        using var services = Services("PasswordHashing:WorkFactor", workFactor);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<PasswordHashingOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("PasswordHashing:WorkFactor"));
    }

    [TestCase("4")]
    [TestCase("31")]
    public void PasswordHashingOptions_WithAWorkFactorAtTheBounds_AreAccepted(string workFactor)
    {
        using var services = Services("PasswordHashing:WorkFactor", workFactor);

        Assert.That(services.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.WorkFactor, Is.EqualTo(int.Parse(workFactor, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void PasswordHasher_WithAWorkFactorOutOfRange_CannotBeResolved()
    {
        using var services = Services("PasswordHashing:WorkFactor", "3");

        Assert.That(() => services.GetRequiredService<AuthFlow.Application.Common.Interfaces.IPasswordHasher>(), Throws.InstanceOf<OptionsValidationException>());
    }

    [TestCase("Sessions:IdleTimeoutMinutes", "0")]
    [TestCase("Sessions:AbsoluteLifetimeHours", "0")]
    [TestCase("Sessions:AbsoluteLifetimeHours", "8761")]
    [TestCase("Sessions:RefreshReuseGraceSeconds", "-1")]
    [TestCase("Sessions:RefreshReuseGraceSeconds", "61")]
    public void SessionOptions_OutOfRange_AreRejectedNamingTheSetting(string key, string value)
    {
        using var services = Services(key, value);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<SessionOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain(key));
    }

    [TestCase("")]
    [TestCase("c2l4dGVlbi1ieXRlcy1rZXk=")]
    [TestCase("bm90IGEga2V5IGF0IGFsbCwgYnV0IHRoaXJ0eS10aHJlZSBieXRlcyE=")]
    [TestCase("not base64!")]
    public void JwtOptions_WithES256AndAMissingOrWrongSizeKeyEncryptionKey_AreRejectedNamingTheSetting(string kek)
    {
        using var services = Services("Jwt:KeyEncryptionKey", kek);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<JwtOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("Jwt:KeyEncryptionKey").And.Contain("ES256"));
    }

    [Test]
    public void JwtOptions_WithHs256_NeedNoKeyEncryptionKey()
    {
        using var services = TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?>
        {
            ["Jwt:Algorithm"] = "HS256",
            ["Jwt:KeyEncryptionKey"] = "",
        });

        Assert.That(services.GetRequiredService<IOptions<JwtOptions>>().Value.UsesStoredKeys, Is.False);
    }

    [Test]
    public void JwtOptions_WithES256_NeedNoSigningKey()
    {
        using var services = Services("Jwt:SigningKey", "");

        Assert.That(services.GetRequiredService<IOptions<JwtOptions>>().Value.Algorithm, Is.EqualTo("ES256"), "ES256 is the default");
    }

    [TestCase("Jwt:Algorithm", "none")]
    [TestCase("Jwt:Algorithm", "es256")]
    [TestCase("Jwt:Keys:RotationDays", "366")]
    [TestCase("Jwt:Keys:PublishLeadMinutes", "9")]
    [TestCase("Jwt:Keys:RefreshSeconds", "0")]
    [TestCase("Jwt:PublicBaseUrl", "auth.example.com")]
    [TestCase("Jwt:PublicBaseUrl", "ftp://auth.example.com")]
    [TestCase("Jwt:PublicBaseUrl", "https://auth.example.com/?x=1")]
    public void JwtOptions_WithAKeySettingOutOfRange_AreRejectedNamingTheSetting(string key, string value)
    {
        using var services = Services(key, value);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<JwtOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain(key));
    }

    [TestCase("", TestName = "PasswordHashingOptions_WithAMissingPepper_AreRejectedNamingTheSetting")]
    [TestCase("not base64!", TestName = "PasswordHashingOptions_WithAPepperThatIsNotBase64_AreRejectedNamingTheSetting")]
    [TestCase("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", TestName = "PasswordHashingOptions_WithA31BytePepper_AreRejectedNamingTheSetting")]
    public void PasswordHashingOptions_WithAWeakPepper_AreRejectedNamingTheSetting(string pepper)
    {
        using var services = Services("PasswordHashing:Pepper", pepper);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<PasswordHashingOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("PasswordHashing:Pepper"));
    }

    [Test]
    public void PasswordHashingOptions_WithA32BytePepper_AreAccepted()
    {
        using var services = Services("PasswordHashing:Pepper", Convert.ToBase64String(new byte[32]));

        Assert.That(() => services.GetRequiredService<IOptions<PasswordHashingOptions>>().Value, Throws.Nothing);
    }

    [TestCase("PasswordHashing:MaxConcurrency", "0")]
    [TestCase("PasswordHashing:QueueLimit", "-1")]
    [TestCase("PasswordPolicy:MinLength", "7")]
    [TestCase("PasswordPolicy:MinLength", "65")]
    [TestCase("LoginThrottling:FreeAttempts", "0")]
    [TestCase("LoginThrottling:BaseDelaySeconds", "0")]
    [TestCase("LoginThrottling:MaxDelaySeconds", "1")]
    [TestCase("LoginThrottling:MaxDelaySeconds", "3601")]
    public void Options_WithAValueOutOfRange_AreRejectedNamingTheSetting(string key, string value)
    {
        using var services = Services(key, value);

        var failure = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<PasswordHashingOptions>>().Value;
            _ = services.GetRequiredService<IOptions<PasswordPolicyOptions>>().Value;
            _ = services.GetRequiredService<IOptions<LoginThrottlingOptions>>().Value;
        });

        Assert.That(failure!.Message, Does.Contain(key));
    }

    [Test]
    public void SessionOptions_WithAnIdleTimeoutLongerThanTheAbsoluteLifetime_AreRejected()
    {
        using var services = TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeoutMinutes"] = "121",
            ["Sessions:AbsoluteLifetimeHours"] = "2",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<SessionOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain("Sessions:IdleTimeoutMinutes must not exceed Sessions:AbsoluteLifetimeHours"));
    }

    [Test]
    public void SessionOptions_ByDefault_GiveTheDocumentedPolicy()
    {
        using var services = TestHost.Database.CreateInfrastructureServices();

        var policy = services.GetRequiredService<AuthFlow.Application.Common.Interfaces.ISessionPolicy>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(policy.IdleTimeout, Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(policy.AbsoluteLifetime, Is.EqualTo(TimeSpan.FromDays(30)));
            Assert.That(policy.RefreshReuseGrace, Is.EqualTo(TimeSpan.FromSeconds(10)));
        }
    }

    [Test]
    public void KeyRing_WithHs256_IsTheConfiguredSecret()
    {
        using var services = Hs256Services("Jwt:SigningKey", new string('k', 32));

        Assert.That(services.GetRequiredService<ISigningKeyRing>(), Is.InstanceOf<HmacSigningKeyRing>());
    }

    [Test]
    public void PasswordPolicyOptions_MinLength_DefaultsTo12()
    {
        Assert.That(new PasswordPolicyOptions().MinLength, Is.EqualTo(12));
    }

    private static ServiceProvider Services(string key, string value) =>
        TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?> { [key] = value });

    private static ServiceProvider Hs256Services(string key, string value) =>
        TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?> { ["Jwt:Algorithm"] = "HS256", [key] = value });
}
