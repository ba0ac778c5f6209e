using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

/// <summary>The look-alikes of issue 10: each compares equal to the plain account it imitates, or is refused.</summary>
public sealed class IdentityTextTests
{
    [TestCase("\u212Aate@example.com", "kate@example.com", TestName = "Kelvin sign for k")]
    [TestCase("\uFF41lice@example.com", "alice@example.com", TestName = "fullwidth a")]
    [TestCase("\uFF21\uFF4C\uFF49\uFF43\uFF45@example.com", "alice@example.com", TestName = "fullwidth ALICE")]
    [TestCase("d\u0131ck@example.com", "dick@example.com", TestName = "dotless i")]
    [TestCase("D\u0130CK@example.com", "dick@example.com", TestName = "capital I with dot")]
    [TestCase("jose\u0301@example.com", "jos\u00E9@example.com", TestName = "combining accent against precomposed")]
    [TestCase("\u017Fam@example.com", "sam@example.com", TestName = "long s")]
    [TestCase("ALICE@EXAMPLE.COM", "alice@example.com", TestName = "plain case")]
    [TestCase("alice@b\u00FCcher.example", "alice@xn--bcher-kva.example", TestName = "IDN domain typed either way")]
    [TestCase("alice@B\u00DCCHER.example", "alice@xn--bcher-kva.example", TestName = "IDN domain in capitals")]
    public void NormalizeEmail_OfALookAlike_EqualsThePlainAddress(string lookAlike, string plain)
    {
        Assert.That(User.NormalizeEmail(lookAlike), Is.EqualTo(User.NormalizeEmail(plain)));
    }

    [TestCase("alice@example.com", "bob@example.com")]
    [TestCase("stra\u00DFe@example.com", "strasse@example.com")]
    public void NormalizeEmail_OfDifferentAddresses_Differs(string one, string other)
    {
        Assert.That(User.NormalizeEmail(one), Is.Not.EqualTo(User.NormalizeEmail(other)));
    }

    [TestCase("al\u200Bice", TestName = "zero-width space")]
    [TestCase("al\u200Dice", TestName = "zero-width joiner")]
    [TestCase("al\u200Cice", TestName = "zero-width non-joiner")]
    [TestCase("al\u2060ice", TestName = "word joiner")]
    [TestCase("al\uFEFFice", TestName = "byte order mark")]
    [TestCase("al\u202Eice", TestName = "right-to-left override")]
    [TestCase("al\u2066ice", TestName = "left-to-right isolate")]
    [TestCase("al\u00ADice", TestName = "soft hyphen")]
    [TestCase("al\uFE0Fice", TestName = "variation selector")]
    [TestCase("al\u3164ice", TestName = "Hangul filler")]
    [TestCase("al\u00A0ice", TestName = "no-break space")]
    [TestCase("al\u3000ice", TestName = "ideographic space")]
    public void FindInvisible_FindsTheInvisibleCodePoint(string text)
    {
        Assert.That(IdentityText.FindInvisible(text), Is.Not.Null);
    }

    [TestCase("alice")]
    [TestCase("alice smith")]
    [TestCase("Jos\u00E9")]
    [TestCase("\u5F20\u4F1F")]
    public void FindInvisible_InVisibleText_FindsNothing(string text)
    {
        Assert.That(IdentityText.FindInvisible(text), Is.Null);
    }

    [TestCase("p\u0430ypal", TestName = "Latin with a Cyrillic a")]
    [TestCase("\u0430dmin", TestName = "Cyrillic a then Latin")]
    [TestCase("al\u03BFce", TestName = "Latin with a Greek omicron")]
    [TestCase("\u0561pple", TestName = "Latin with an Armenian letter")]
    public void IsSingleScript_OfAConfusableMix_IsFalse(string username)
    {
        Assert.That(UsernameScripts.IsSingleScript(username), Is.False);
    }

    [TestCase("alice", TestName = "Latin")]
    [TestCase("alice_42", TestName = "Latin with digits and punctuation")]
    [TestCase("\u0430\u043B\u0438\u0441\u0430", TestName = "Cyrillic alone")]
    [TestCase("\u03B1\u03BB\u03B9\u03BA\u03B7", TestName = "Greek alone")]
    [TestCase("tanaka\u7530\u4E2D\u305F\u306A\u304B", TestName = "Latin, Han and Hiragana")]
    [TestCase("kim\uAE40", TestName = "Latin and Hangul")]
    [TestCase("jose\u0301", TestName = "a combining mark")]
    public void IsSingleScript_OfAnAllowedName_IsTrue(string username)
    {
        Assert.That(UsernameScripts.IsSingleScript(username), Is.True);
    }
}
