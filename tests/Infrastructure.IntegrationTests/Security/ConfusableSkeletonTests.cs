using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>UTS #39 through the ICU installed on the machine, as the Infrastructure registers it (no database needed).</summary>
public sealed class ConfusableSkeletonTests
{
    private static IConfusableSkeleton Confusables => TestHost.Services.GetRequiredService<IConfusableSkeleton>();

    [Test]
    public void TheRegisteredChecker_IsIcus()
    {
        Assert.That(Confusables.GetType().Name, Is.EqualTo("IcuSpoofChecker"), "ICU is installed here, so the start must have loaded it");
    }

    [TestCase("\u212Aate@example.com", "kate@example.com", TestName = "Kelvin sign")]
    [TestCase("k\u0430te@example.com", "kate@example.com", TestName = "Cyrillic a")]
    [TestCase("k\u0430t\u0435@example.com", "kate@example.com", TestName = "Cyrillic a and e")]
    [TestCase("b\u043Eb@example.com", "bob@example.com", TestName = "Cyrillic o")]
    [TestCase("\u0440aypal@example.com", "paypal@example.com", TestName = "Cyrillic er")]
    [TestCase("g\u03BF\u03BFgle@example.com", "google@example.com", TestName = "Greek omicron")]
    [TestCase("\uFF4B\uFF41\uFF54\uFF45@example.com", "kate@example.com", TestName = "fullwidth")]
    [TestCase("\u0455\u0441\u043E\u0440\u0435@example.com", "scope@example.com", TestName = "all-Cyrillic look-alike")]
    [TestCase("kate@ex\u0430mple.com", "kate@example.com", TestName = "Cyrillic a in the domain")]
    [TestCase("kate@exarnple.com", "kate@example.com", TestName = "rn for m")]
    [TestCase("KATE@EXAMPLE.COM", "kate@example.com", TestName = "upper case")]
    public void EmailSkeleton_OfALookAlike_IsThatOfTheAddressItImitates(string lookAlike, string original)
    {
        Assert.That(Confusables.EmailSkeleton(lookAlike), Is.EqualTo(Confusables.EmailSkeleton(original)));
    }

    [TestCase("kate@example.com", "katie@example.com")]
    [TestCase("dmitri@example.com", "\u0434\u043C\u0438\u0442\u0440\u0438\u0439@example.com")]
    [TestCase("jose@example.com", "jos\u00E9@example.com")]
    [TestCase("kate@example.com", "kate@example.org")]
    public void EmailSkeleton_OfDifferentAddresses_Differs(string one, string other)
    {
        Assert.That(Confusables.EmailSkeleton(one), Is.Not.EqualTo(Confusables.EmailSkeleton(other)));
    }

    [Test]
    public void Skeleton_OfAWholeScriptLookAlike_IsThePlainName()
    {
        Assert.That(Confusables.Skeleton("\u0455\u0441\u043E\u0440\u0435"), Is.EqualTo(Confusables.Skeleton("scope")));
    }

    [Test]
    public void Skeleton_OfACharacterWithALongMapping_IsComplete()
    {
        // U+FDFA (an Arabic ligature) expands to many characters: the buffer must grow.
        var text = new string('\uFDFA', 40);

        var skeleton = Confusables.Skeleton(text);

        Assert.That(skeleton.Length, Is.GreaterThan(text.Length * 2 + 16));
    }

    [TestCase("p\u0430ypal", TestName = "Latin with a Cyrillic a")]
    [TestCase("\u03BFscar", TestName = "Latin with a Greek omicron")]
    [TestCase("\u0430b\u03B3", TestName = "Cyrillic, Latin and Greek")]
    public void IsHighlyRestrictive_OfAMixOfScripts_IsFalse(string name)
    {
        Assert.That(Confusables.IsHighlyRestrictive(name), Is.False);
    }

    [TestCase("alice", TestName = "Latin")]
    [TestCase("\u0434\u043C\u0438\u0442\u0440\u0438\u0439", TestName = "Cyrillic")]
    [TestCase("\u0430\u0440\u0440\u04CF\u0435", TestName = "all-Cyrillic look-alike (one script)")]
    [TestCase("\u5C71\u7530 taro", TestName = "Han with Latin")]
    [TestCase("\u3084\u307E\u3060 \u592A\u90CE", TestName = "Hiragana with Han")]
    [TestCase("alice_42", TestName = "Latin with digits and punctuation")]
    public void IsHighlyRestrictive_OfOneScriptOrAnAllowedMix_IsTrue(string name)
    {
        Assert.That(Confusables.IsHighlyRestrictive(name), Is.True);
    }

    [TestCase("\u0430\u0440\u0440\u04CF\u0435", TestName = "all-Cyrillic appie")]
    [TestCase("\u0455\u0441\u043E\u0440\u0435", TestName = "all-Cyrillic scope")]
    [TestCase("\u0440\u0430\u0443\u0440\u0430\u04CF", TestName = "all-Cyrillic paypal")]
    [TestCase("\u03BF\u03BF", TestName = "Greek omicrons")]
    [TestCase("p\u0251ypal", TestName = "Latin alpha")]
    public void IsLookAlikeOfAscii_OfANameThatReadsAsPlainLatin_IsTrue(string name)
    {
        Assert.That(Confusables.IsLookAlikeOfAscii(name), Is.True);
    }

    [TestCase("apple", TestName = "plain ASCII")]
    [TestCase("\uFF41\uFF50\uFF50\uFF4C\uFF45", TestName = "fullwidth (folds to ASCII: the same name)")]
    [TestCase("Jos\u00E9", TestName = "Latin with an accent")]
    [TestCase("\u0434\u043C\u0438\u0442\u0440\u0438\u0439", TestName = "Cyrillic with letters of its own")]
    [TestCase("\u043A\u0430\u0442\u044F", TestName = "Cyrillic katya")]
    public void IsLookAlikeOfAscii_OfANameWithLettersOfItsOwn_IsFalse(string name)
    {
        Assert.That(Confusables.IsLookAlikeOfAscii(name), Is.False);
    }
}
