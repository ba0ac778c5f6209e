using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>The policy as the service resolves it, with the default minimum of 12 code points.</summary>
public sealed class PasswordPolicyTests
{
    private const string Emoji = "\U0001F600";

    private ServiceProvider _services = null!;
    private IPasswordPolicy _policy = null!;

    [OneTimeSetUp]
    public void CreatePolicy()
    {
        _services = TestHost.Database.CreateInfrastructureServices();
        _policy = _services.GetRequiredService<IPasswordPolicy>();
    }

    [OneTimeTearDown]
    public void DisposeServices() => _services.Dispose();

    [TestCase("correct horse battery staple")]
    [TestCase("twelve chars")]
    [TestCase("   spaces    everywhere   ")]
    [TestCase("Ünïcödé pässwörd ñ")]
    [TestCase("密码不需要复杂的规则吧对吗")]
    public void Check_WithALongEnoughUncommonPassword_AcceptsIt(string password)
    {
        Assert.That(_policy.Check(password, "alice@example.com", "alice"), Is.Empty);
    }

    [Test]
    public void Check_WithTwelveEmoji_CountsCodePointsAndAcceptsThem()
    {
        var password = string.Concat(Enumerable.Range(0, 12).Select(i => char.ConvertFromUtf32(0x1F600 + i)));

        Assert.That(_policy.Check(password), Is.Empty);
    }

    [Test]
    public void Check_WithElevenEmoji_CountsCodePointsNotUtf16UnitsAndRefusesThem()
    {
        // 22 UTF-16 code units: a check on string.Length would let this through.
        var password = string.Concat(Enumerable.Range(0, 11).Select(i => char.ConvertFromUtf32(0x1F600 + i)));

        Assert.That(_policy.Check(password), Is.EqualTo(new[] { "Password must be at least 12 characters." }));
    }

    [Test]
    public void Check_With256CodePoints_AcceptsAndWith257Refuses()
    {
        var accepted = string.Concat(Enumerable.Range(0, 256).Select(i => char.ConvertFromUtf32(0x1F600 + (i % 41))));
        var refused = accepted + "x";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_policy.Check(accepted), Is.Empty);
            Assert.That(_policy.Check(refused), Is.EqualTo(new[] { "Password must be at most 256 characters." }));
        }
    }

    [TestCase("1qaz2wsx3edc")]
    [TestCase("LeaveMeAlone")]
    [TestCase("FINALFANTASY")]
    [TestCase("qwerty 123456")]
    public void Check_WithOneOfTheMostCommonPasswords_RefusesItSayingSo(string password)
    {
        Assert.That(_policy.Check(password), Is.EqualTo(new[] { "This password is one of the most commonly used passwords. Choose a longer phrase of unrelated words." }));
    }

    [Test]
    public void Check_WithTheTopPasswordsPaddedWithDigits_RefusesEachOne()
    {
        var refused = new[] { "princess", "password", "qwerty", "dragon", "monkey", "letmein" }
            .Count(p => _policy.Check(p + "123456789012").Count > 0);

        Assert.That(refused, Is.EqualTo(6));
    }

    [TestCase("iloveyou2024!")]
    [TestCase("!!Sunshine!!99")]
    [TestCase("123Football456")]
    public void Check_WithACommonPasswordWrappedInDigitsOrSymbols_RefusesItSayingSo(string password)
    {
        Assert.That(_policy.Check(password), Is.EqualTo(new[] { "This password is a common password with digits or symbols added. Choose a longer phrase of unrelated words." }));
    }

    [TestCase("aaaaaaaaaaaaaaaa")]
    [TestCase("abcabcabcabcabc")]
    [TestCase(Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji + Emoji)]
    public void Check_WithOneShortUnitRepeated_RefusesIt(string password)
    {
        Assert.That(_policy.Check(password), Has.Exactly(1).Contains("repeated"));
    }

    [TestCase("wonderland is my password", "wonderland@example.com", "alice")]
    [TestCase("my name is ALICE-LIDDELL", "x@example.com", "alice-liddell")]
    [TestCase("authflow is great 2026", null, null)]
    public void Check_WithThePasswordBuiltFromTheAccountsOwnNames_RefusesIt(string password, string? email, string? username)
    {
        Assert.That(_policy.Check(password, email, username), Is.EqualTo(new[] { "Password must not contain your username, your email address or the service's name." }));
    }

    [Test]
    public void Check_WithAShortUsername_DoesNotForbidEveryPasswordContainingIt()
    {
        Assert.That(_policy.Check("all of my bagels are gone", "al@example.com", "al"), Is.Empty);
    }

    [TestCase("correct horse\0battery")]
    [TestCase("correct horse \ud800battery")]
    [TestCase("correct horse \ufffdbattery")]
    public void Check_WithMalformedText_RefusesItWithAReason(string password)
    {
        Assert.That(_policy.Check(password), Has.Exactly(1).Contains("lone surrogate"));
    }

    [Test]
    public void Check_WithAConfiguredMinimum_UsesIt()
    {
        using var services = TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?> { ["PasswordPolicy:MinLength"] = "16" });
        var policy = services.GetRequiredService<IPasswordPolicy>();

        Assert.That(policy.Check("fifteen chars!!"), Is.EqualTo(new[] { "Password must be at least 16 characters." }));
    }
}
