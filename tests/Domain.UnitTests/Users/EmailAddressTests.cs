using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

/// <summary>Which addresses a new account may have (docs/email-and-unicode.md lists the same examples).</summary>
public sealed class EmailAddressTests
{
    [TestCase("alice@example.com", "alice@example.com")]
    [TestCase("  Alice.Smith+tag@Example.COM ", "Alice.Smith+tag@Example.COM")]
    [TestCase("o'brien@example.ie", "o'brien@example.ie")]
    [TestCase("a!#$%&*/=?^_`{|}~-b@example.com", "a!#$%&*/=?^_`{|}~-b@example.com")]
    [TestCase("alice@b\u00FCcher.example", "alice@xn--bcher-kva.example")]
    [TestCase("alice@xn--bcher-kva.example", "alice@xn--bcher-kva.example")]
    [TestCase("j\u00F6rg@example.de", "j\u00F6rg@example.de")]
    [TestCase("alice@mail.sub-domain.example.org", "alice@mail.sub-domain.example.org")]
    public void Canonicalize_OfAPlainAddress_ReturnsWhatIsStored(string input, string stored)
    {
        Assert.That(EmailAddress.Canonicalize(input), Is.EqualTo(stored));
    }

    [TestCase("fz-[new@example.com", TestName = "square bracket (issue 10)")]
    [TestCase("fz-,new@example.com", TestName = "comma (issue 10)")]
    [TestCase("f,-new@example.com", TestName = "comma first (issue 10)")]
    [TestCase("Alice <alice@example.com>", TestName = "display name")]
    [TestCase("<alice@example.com>", TestName = "angle brackets")]
    [TestCase("\"alice\"@example.com", TestName = "quoted local part")]
    [TestCase("alice(comment)@example.com", TestName = "comment")]
    [TestCase("alice@[127.0.0.1]", TestName = "address literal")]
    [TestCase("alice@localhost", TestName = "single-label domain")]
    [TestCase("alice@example", TestName = "no dot in the domain")]
    [TestCase("alice@exa_mple.com", TestName = "underscore in the domain")]
    [TestCase("alice@-example.com", TestName = "label starting with a hyphen")]
    [TestCase("alice@example.com.", TestName = "trailing dot")]
    [TestCase("alice@1.2.3.4", TestName = "numeric top-level label")]
    [TestCase(".alice@example.com", TestName = "leading dot")]
    [TestCase("al..ice@example.com", TestName = "double dot")]
    [TestCase("alice.@example.com", TestName = "trailing dot in the local part")]
    [TestCase("al ice@example.com", TestName = "space")]
    [TestCase("al;ice@example.com", TestName = "semicolon")]
    [TestCase("al\\ice@example.com", TestName = "backslash")]
    [TestCase("alice@@example.com", TestName = "two at signs")]
    [TestCase("al@ice@example.com", TestName = "at sign in the local part")]
    [TestCase("al\u200Bice@example.com", TestName = "zero-width space in the local part")]
    [TestCase("alice@exa\u200Bmple.com", TestName = "zero-width space in the domain")]
    [TestCase("@example.com", TestName = "no local part")]
    [TestCase("alice@", TestName = "no domain")]
    public void Canonicalize_OfAnAddressAMailerCannotTakeAsTyped_ReturnsNull(string input)
    {
        Assert.That(EmailAddress.Canonicalize(input), Is.Null);
    }

    [Test]
    public void Canonicalize_OfATooLongLocalPart_ReturnsNull()
    {
        Assert.That(EmailAddress.Canonicalize(new string('a', 65) + "@example.com"), Is.Null);
    }
}
